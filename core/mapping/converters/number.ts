/**
 * Numbers and money written by people: "1 234,56", "1,234.56", "12 500 ₽",
 * "−5", "100|USD" (Bitrix24's money format). A single separator is read as the
 * decimal point unless told otherwise; when it could also be a thousands
 * separator ("1,234") the value is kept and an `ambiguous_number` warning says so.
 */
import type { Money, ScalarValue } from "../../model/canonical.js";
import type { ConverterOf } from "../mapping-schema.js";
import { isMoney, stringifyScalar } from "./shapes.js";
import { drop, ok, type ValueContext, type ValueIssue, type ValueResult } from "./types.js";

export type DecimalSeparator = "," | "." | "auto";

const CURRENCY_WORDS: ReadonlyArray<[RegExp, string]> = [
  [/^(₽|руб\.?|рублей|рубля|рубль|р\.?|rub|rur)$/i, "RUB"],
  [/^(\$|usd|долл\.?)$/i, "USD"],
  [/^(€|eur|евро)$/i, "EUR"],
  [/^(£|gbp)$/i, "GBP"],
  [/^(₸|тг\.?|тенге|kzt)$/i, "KZT"],
  [/^(₴|грн\.?|uah)$/i, "UAH"],
  [/^(br|byn|byr|бел\.?\s?руб\.?)$/i, "BYN"],
  [/^(сум|uzs)$/i, "UZS"],
  [/^[a-z]{3}$/i, ""],
];

function currencyCode(word: string): string | undefined {
  for (const [pattern, code] of CURRENCY_WORDS)
    if (pattern.test(word)) return code || word.toUpperCase();
  return undefined;
}

/** Splits "12 500 ₽" / "$12.5" / "100|USD" into the amount text and a currency code. */
export function splitCurrency(input: string): { amount: string; currency?: string } {
  const text = input.trim();
  const piped = /^(.*)\|\s*([A-Za-z]{3})$/.exec(text);
  if (piped) return { amount: piped[1] ?? "", currency: (piped[2] ?? "").toUpperCase() };
  const trailing = /^(.*?[\d.,])[\s\u00a0]*([^\d\s.,+\-−][^\d]*)$/.exec(text);
  const trailingCode = trailing ? currencyCode((trailing[2] ?? "").trim()) : undefined;
  if (trailing && trailingCode !== undefined)
    return { amount: trailing[1] ?? "", currency: trailingCode };
  const leading = /^([^\d\s.,+\-−]+?)[\s\u00a0]*([+\-−]?[\d.,].*)$/.exec(text);
  const leadingCode = leading ? currencyCode((leading[1] ?? "").trim()) : undefined;
  if (leading && leadingCode !== undefined)
    return { amount: leading[2] ?? "", currency: leadingCode };
  return { amount: text };
}

/** A parsed number and whether its reading was a guess. */
export interface ParsedNumber {
  value: number;
  /** A lone separator followed by exactly three digits: "1,234" may mean 1234. */
  ambiguous: boolean;
}

const count = (text: string, char: string) => text.split(char).length - 1;

/** Parses a number written with spaces, nbsp, apostrophes and either decimal separator. */
export function parseNumber(
  input: string,
  decimalSeparator: DecimalSeparator = "auto",
): ParsedNumber | null {
  let text = input.replace(/[\s\u00a0\u2007\u2009\u202f'’_]/g, "").replace(/^−/, "-");
  if (!/^[+-]?[\d.,]*\d[\d.,]*$/.test(text)) return null;
  let decimal: string | null = decimalSeparator === "auto" ? null : decimalSeparator;
  let ambiguous = false;
  if (decimal === null) {
    const dots = count(text, ".");
    const commas = count(text, ",");
    if (dots > 0 && commas > 0) decimal = text.lastIndexOf(".") > text.lastIndexOf(",") ? "." : ",";
    else if (dots + commas === 1) {
      decimal = dots === 1 ? "." : ",";
      ambiguous = /^[+-]?[1-9]\d{0,2}[.,]\d{3}$/.test(text);
    } else if (dots + commas > 1) {
      const sep = dots > 0 ? "." : ",";
      if (!new RegExp(`^[+-]?\\d{1,3}(\\${sep}\\d{3})+$`).test(text)) return null;
      decimal = sep === "." ? "," : ".";
    } else decimal = ".";
  }
  const grouping = decimal === "." ? "," : ".";
  text = text.split(grouping).join("");
  if (count(text, decimal) > 1) return null;
  text = text.replace(decimal, ".");
  if (!/^[+-]?(\d+\.?\d*|\.\d+)$/.test(text)) return null;
  const value = Number(text);
  return Number.isFinite(value) ? { value, ambiguous } : null;
}

function ambiguity(input: string, parsed: ParsedNumber): ValueIssue[] {
  return parsed.ambiguous
    ? [{ code: "ambiguous_number", params: { value: input, read: parsed.value } }]
    : [];
}

/** `number`: text, numbers or money → a number; integer targets get it rounded with a warning. */
export function convertNumber(
  converter: ConverterOf<"number">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  let issues: ValueIssue[] = [];
  let result: number;
  if (typeof value === "number" && Number.isFinite(value)) result = value;
  else if (isMoney(value)) result = value.amount;
  else if (typeof value === "string") {
    const parsed = parseNumber(splitCurrency(value).amount, converter.decimalSeparator);
    if (!parsed) return drop({ code: "bad_number", params: { value } });
    result = parsed.value;
    issues = ambiguity(value, parsed);
  } else return drop({ code: "bad_number", params: { value: stringifyScalar(value) } });
  if (ctx.targetField.type === "integer" && !Number.isInteger(result)) {
    const rounded = Math.round(result);
    issues.push({ code: "rounded", params: { value: result, read: rounded } });
    result = rounded;
  }
  return ok(result, ...issues);
}

/** `money`: "12 500 ₽", "100|USD", numbers or money → `{ amount, currency }`. */
export function convertMoney(converter: ConverterOf<"money">, value: ScalarValue): ValueResult {
  if (isMoney(value)) {
    const currency = currencyCode(value.currency) ?? converter.defaultCurrency;
    return ok({ amount: value.amount, currency });
  }
  if (typeof value === "number" && Number.isFinite(value))
    return ok({ amount: value, currency: converter.defaultCurrency });
  if (typeof value !== "string")
    return drop({ code: "bad_money", params: { value: stringifyScalar(value) } });
  const { amount, currency } = splitCurrency(value);
  const parsed = parseNumber(amount, converter.decimalSeparator);
  if (!parsed) return drop({ code: "bad_money", params: { value } });
  const money: Money = { amount: parsed.value, currency: currency ?? converter.defaultCurrency };
  return ok(money, ...ambiguity(value, parsed));
}
