/**
 * Chat texts come from locale files (`locales/ru.json`, `locales/en.json`), never
 * inline in handlers. Russian is the default; English is the second language.
 *
 * Why not Fluent (@grammyjs/i18n): the worker, the notifier and the WhatsApp and
 * console bridges need the same texts without a grammY context, and flat JSON
 * with `{var}` placeholders and CLDR plural forms (Intl.PluralRules) is all our
 * texts need; a test checks both files have the same keys and placeholders.
 */
import { existsSync, readFileSync, readdirSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath } from "node:url";

export const LANGUAGES = ["ru", "en"] as const;
export type Language = (typeof LANGUAGES)[number];

/** A text, or plural forms keyed by CLDR category (one, few, many, other). */
export type LocaleEntry = string | Partial<Record<Intl.LDMLPluralRule, string>>;
export type LocaleFile = Record<string, LocaleEntry>;
export type Vars = Record<string, string | number>;

/**
 * `locales/<lang>.json` plus every `locales/<lang>/*.json` (one file per feature,
 * so features can add texts without touching each other's files). A key defined
 * twice is a mistake and stops the process at start.
 */
function loadLocale(language: Language): LocaleFile {
  const root = fileURLToPath(new URL("./locales/", import.meta.url));
  const files = [join(root, `${language}.json`)];
  const folder = join(root, language);
  if (existsSync(folder)) {
    for (const name of readdirSync(folder).sort())
      if (name.endsWith(".json")) files.push(join(folder, name));
  }
  const merged: LocaleFile = {};
  for (const file of files) {
    if (!existsSync(file)) continue;
    const entries = JSON.parse(readFileSync(file, "utf8")) as LocaleFile;
    for (const [key, value] of Object.entries(entries)) {
      if (key in merged) throw new Error(`locale key ${key} is defined twice (${file})`);
      merged[key] = value;
    }
  }
  return merged;
}

const locales: Record<Language, LocaleFile> = { ru: loadLocale("ru"), en: loadLocale("en") };
const pluralRules: Record<Language, Intl.PluralRules> = {
  ru: new Intl.PluralRules("ru"),
  en: new Intl.PluralRules("en"),
};

/** Picks the chat language from a Telegram `language_code` (or anything else): en → en, otherwise the default. */
export function languageOf(code: string | undefined | null, fallback: Language = "ru"): Language {
  if (!code) return fallback;
  const base = code.toLowerCase().split(/[-_]/)[0];
  if (base === "en") return "en";
  if (base === "ru" || base === "uk" || base === "be" || base === "kk") return "ru";
  return fallback;
}

function fill(template: string, vars: Vars): string {
  return template.replace(/\{(\w+)\}/g, (whole, name: string) =>
    name in vars ? String(vars[name]) : whole,
  );
}

/**
 * The text for `key` in `language`, with `{var}` placeholders filled. An entry
 * with plural forms picks its form by `vars.count`. A key missing in English
 * falls back to Russian; missing everywhere, the key itself is returned so a
 * gap is visible rather than a crash.
 */
export function t(language: Language, key: string, vars: Vars = {}): string {
  const entry = locales[language][key] ?? locales.ru[key];
  if (entry === undefined) return key;
  if (typeof entry === "string") return fill(entry, vars);
  const count = typeof vars.count === "number" ? vars.count : Number(vars.count ?? 0);
  const form = pluralRules[language].select(count);
  const template = entry[form] ?? entry.other ?? entry.many ?? Object.values(entry)[0] ?? key;
  return fill(template, vars);
}

/** For tests: the raw locale files. */
export function localeFiles(): Readonly<Record<Language, LocaleFile>> {
  return locales;
}
