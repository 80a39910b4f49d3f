import { describe, expect, it } from "vitest";
import { convertCopy, convertText } from "./text.js";
import { valueContext } from "./test-context.js";

describe("convertText", () => {
  it.each([
    ["привет", undefined, "привет"],
    [1234.5, undefined, "1234.5"],
    [true, undefined, "Y"],
    [{ amount: 12500, currency: "RUB" }, undefined, "12500 RUB"],
    [{ value: "+79161234567", kind: "WORK" }, undefined, "+79161234567"],
  ] as const)("%j → %j", (input, maxLength, out) => {
    const conv = { kind: "text", ...(maxLength ? { maxLength } : {}) } as const;
    expect(convertText(conv, input)).toEqual({ values: [out], issues: [] });
  });

  it("cuts to maxLength characters without splitting emoji, with a warning", () => {
    expect(convertText({ kind: "text", maxLength: 3 }, "ab😀cd")).toEqual({
      values: ["ab😀"],
      issues: [{ code: "too_long", params: { length: 5, maxLength: 3 } }],
    });
  });
});

describe("convertCopy", () => {
  it("passes values that fit the target type", () => {
    expect(convertCopy(12, valueContext("integer")).values).toEqual([12]);
    expect(convertCopy("2024-01-02", valueContext("date")).values).toEqual(["2024-01-02"]);
  });

  it("adapts text ↔ site fields", () => {
    expect(convertCopy(" https://t.me/ivan ", valueContext("urls")).values).toEqual([
      { value: "https://t.me/ivan", kind: "WORK" },
    ]);
    expect(
      convertCopy({ value: "https://acme.ru", kind: "WORK" }, valueContext("string")).values,
    ).toEqual(["https://acme.ru"]);
  });

  it.each([
    ["12", "number"],
    [1.5, "integer"],
    ["23.04.2012", "date"],
    ["Y", "boolean"],
  ] as const)("drops %j that does not fit %s", (input, type) => {
    expect(convertCopy(input, valueContext(type)).issues[0]?.code).toBe("bad_value");
  });
});
