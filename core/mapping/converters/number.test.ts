import { describe, expect, it } from "vitest";
import { convertMoney, convertNumber, parseNumber, splitCurrency } from "./number.js";
import { valueContext } from "./test-context.js";

describe("parseNumber", () => {
  it.each([
    ["1234", "auto", 1234, false],
    ["1 234,56", "auto", 1234.56, false],
    ["1\u00a0234,56", "auto", 1234.56, false],
    ["1\u202f234\u202f567", "auto", 1234567, false],
    ["1,234.56", "auto", 1234.56, false],
    ["1.234,56", "auto", 1234.56, false],
    ["1,234,567", "auto", 1234567, false],
    ["1.234.567", "auto", 1234567, false],
    ["0,5", "auto", 0.5, false],
    ["-12,5", "auto", -12.5, false],
    ["−12,5", "auto", -12.5, false],
    ["1'234.5", "auto", 1234.5, false],
    [".5", "auto", 0.5, false],
    ["1,234", "auto", 1.234, true],
    ["12.500", "auto", 12.5, true],
    ["1,234", ".", 1234, false],
    ["1.234", ",", 1234, false],
    ["1 234,56", ",", 1234.56, false],
  ] as const)("%j (%s) → %d", (input, sep, value, ambiguous) => {
    expect(parseNumber(input, sep)).toEqual({ value, ambiguous });
  });

  it.each(["", "abc", "1.2.3", "1,23,4", "12-5", "--1", "1e5x", "1,2,3.4,5"])(
    "rejects %j",
    (input) => {
      expect(parseNumber(input)).toBeNull();
    },
  );
});

describe("splitCurrency", () => {
  it.each([
    ["12 500 ₽", "12 500", "RUB"],
    ["12 500 руб.", "12 500", "RUB"],
    ["12500р", "12500", "RUB"],
    ["$12.5", "12.5", "USD"],
    ["€ 100", "100", "EUR"],
    ["100|USD", "100", "USD"],
    ["100 kzt", "100", "KZT"],
    ["1 234,56", "1 234,56", undefined],
  ])("%j", (input, amount, currency) => {
    expect(splitCurrency(input)).toEqual(
      currency === undefined ? { amount } : { amount, currency },
    );
  });
});

describe("convertNumber", () => {
  const conv = { kind: "number", decimalSeparator: "auto" } as const;
  it.each([
    ["12 500 ₽", 12500],
    [42, 42],
    [{ amount: 99.9, currency: "USD" }, 99.9],
  ] as const)("%j → %d", (input, out) => {
    expect(convertNumber(conv, input, valueContext("number"))).toEqual({
      values: [out],
      issues: [],
    });
  });

  it("warns on an ambiguous separator but keeps the value", () => {
    expect(convertNumber(conv, "1,234", valueContext("number")).issues).toEqual([
      { code: "ambiguous_number", params: { value: "1,234", read: 1.234 } },
    ]);
  });

  it("rounds for integer targets with a warning", () => {
    const result = convertNumber(conv, "2,6", valueContext("integer"));
    expect(result.values).toEqual([3]);
    expect(result.issues[0]?.code).toBe("rounded");
  });

  it.each(["двенадцать", "12 шт", true])("drops %j with bad_number", (input) => {
    expect(convertNumber(conv, input, valueContext("number"))).toMatchObject({
      values: [],
      issues: [{ code: "bad_number" }],
    });
  });
});

describe("convertMoney", () => {
  const conv = { kind: "money", defaultCurrency: "RUB", decimalSeparator: "auto" } as const;
  it.each([
    ["12 500 ₽", { amount: 12500, currency: "RUB" }],
    ["1 200,50", { amount: 1200.5, currency: "RUB" }],
    ["$1,200.50", { amount: 1200.5, currency: "USD" }],
    ["300|EUR", { amount: 300, currency: "EUR" }],
    [150, { amount: 150, currency: "RUB" }],
    [
      { amount: 5, currency: "RUR" },
      { amount: 5, currency: "RUB" },
    ],
  ] as const)("%j", (input, out) => {
    expect(convertMoney(conv, input)).toEqual({ values: [out], issues: [] });
  });

  it("drops text that is not an amount", () => {
    expect(convertMoney(conv, "договорная").issues[0]?.code).toBe("bad_money");
  });
});
