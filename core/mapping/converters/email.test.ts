import { describe, expect, it } from "vitest";
import { convertEmail, normalizeEmail } from "./email.js";
import { valueContext } from "./test-context.js";

describe("normalizeEmail", () => {
  it.each([
    ["  Ivan.Petrov@Example.RU ", "ivan.petrov@example.ru"],
    ["mailto:info@acme.ru", "info@acme.ru"],
    ["Иван Петров <ivan@acme.ru>", "ivan@acme.ru"],
    ["почта@пример.рф", "почта@пример.рф"],
    ["a+tag@sub.domain.com", "a+tag@sub.domain.com"],
    ["ivan@acme", null],
    ["ivan acme.ru", null],
    ["@acme.ru", null],
    ["ivan@@acme.ru", null],
    ["нет", null],
  ])("%j → %s", (input, out) => {
    expect(normalizeEmail(input)).toBe(out);
  });
});

describe("convertEmail", () => {
  it("splits, normalises and drops the invalid one with a warning", () => {
    expect(convertEmail("A@X.ru; b@y.ru, not-an-email", valueContext("emails"))).toEqual({
      values: [
        { value: "a@x.ru", kind: "WORK" },
        { value: "b@y.ru", kind: "WORK" },
      ],
      issues: [{ code: "bad_email", params: { value: "not-an-email" } }],
    });
  });

  it("keeps the kind, or writes text into a string field", () => {
    expect(convertEmail({ value: "X@Y.RU", kind: "HOME" }, valueContext("emails")).values).toEqual([
      { value: "x@y.ru", kind: "HOME" },
    ]);
    expect(convertEmail({ value: "X@Y.RU", kind: "HOME" }, valueContext("string")).values).toEqual([
      "x@y.ru",
    ]);
  });
});
