import { describe, expect, it } from "vitest";
import { languageOf, localeFiles, t } from "./i18n.js";

const placeholders = (entry: unknown): string[] =>
  [...JSON.stringify(entry).matchAll(/\{(\w+)\}/g)].map((m) => m[1] ?? "").sort();

describe("i18n", () => {
  it("Russian and English have the same keys and placeholders", () => {
    const { ru, en } = localeFiles();
    expect(Object.keys(en).sort()).toEqual(Object.keys(ru).sort());
    for (const key of Object.keys(ru)) {
      expect([...new Set(placeholders(en[key]))], key).toEqual([...new Set(placeholders(ru[key]))]);
    }
  });

  it("uses Russian plural forms", () => {
    expect(t("ru", "common.records", { count: 1 })).toBe("1 запись");
    expect(t("ru", "common.records", { count: 3 })).toBe("3 записи");
    expect(t("ru", "common.records", { count: 5 })).toBe("5 записей");
    expect(t("ru", "common.records", { count: 21 })).toBe("21 запись");
    expect(t("en", "common.records", { count: 2 })).toBe("2 records");
  });

  it("picks the language from Telegram's language_code", () => {
    expect(languageOf("en-US")).toBe("en");
    expect(languageOf("ru")).toBe("ru");
    expect(languageOf("de")).toBe("ru");
    expect(languageOf(undefined, "en")).toBe("en");
  });

  it("shows the key of a missing text instead of crashing", () => {
    expect(t("en", "no.such.key")).toBe("no.such.key");
  });
});
