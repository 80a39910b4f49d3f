import { describe, expect, it } from "vitest";
import { convertPhone, normalizePhone, type PhoneCountry } from "./phone.js";
import { valueContext } from "./test-context.js";

describe("normalizePhone", () => {
  it.each<[string, PhoneCountry, string | null]>([
    ["8 (916) 123-45-67", "RU", "+79161234567"],
    ["89161234567", "RU", "+79161234567"],
    ["+7 916 123 45 67", "RU", "+79161234567"],
    ["7 916 123-45-67", "RU", "+79161234567"],
    ["916 123 45 67", "RU", "+79161234567"],
    ["8-495-123-45-67", "RU", "+74951234567"],
    ["8 10 49 30 1234567", "RU", "+49301234567"],
    ["0049 30 1234567", "RU", "+49301234567"],
    ["8 701 123 45 67", "KZ", "+77011234567"],
    ["8 029 123-45-67", "BY", "+375291234567"],
    ["044 123 45 67", "UA", "+380441234567"],
    ["(212) 555-0100", "US", "+12125550100"],
    ["030 1234567", "DE", "+49301234567"],
    ["07911 123456", "GB", "+447911123456"],
    ["+44 20 7946 0958", "RU", "+442079460958"],
    // cannot be completed safely → null (kept with a warning by the converter)
    ["123-45-67", "RU", null],
    ["8 (916) 123-45-67 доб. 123", "RU", null],
    ["+7 916", "RU", null],
    ["позвонить секретарю", "RU", null],
    ["+0 123 456 789", "RU", null],
  ])("%j (%s) → %s", (input, country, out) => {
    expect(normalizePhone(input, country)).toBe(out);
  });
});

describe("convertPhone", () => {
  const conv = { kind: "phone", defaultCountry: "RU", format: "e164" } as const;

  it("keeps the kind of a contact point", () => {
    expect(
      convertPhone(conv, { value: "8 916 123-45-67", kind: "MOBILE" }, valueContext("phones")),
    ).toEqual({
      values: [{ value: "+79161234567", kind: "MOBILE" }],
      issues: [],
    });
  });

  it("splits several numbers in one cell and keeps the odd one with a warning", () => {
    expect(convertPhone(conv, "8 916 123-45-67; 123-45-67", valueContext("phones"))).toEqual({
      values: [
        { value: "+79161234567", kind: "WORK" },
        { value: "123-45-67", kind: "WORK" },
      ],
      issues: [{ code: "bad_phone", params: { value: "123-45-67" } }],
    });
  });

  it("writes plain text into a string field; `keep` leaves the digits alone", () => {
    expect(convertPhone(conv, 89161234567, valueContext("string")).values).toEqual([
      "+79161234567",
    ]);
    expect(
      convertPhone({ ...conv, format: "keep" }, " 8 916 ", valueContext("string")).values,
    ).toEqual(["8 916"]);
  });
});
