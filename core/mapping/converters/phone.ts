/**
 * Phones to E.164 ("+79161234567") when the digits allow it: Russian
 * "8 (916) 123-45-67" and "916 123 45 67" become +7…, "00…"/"810…" are
 * international prefixes. A number that cannot be completed safely (too short,
 * an extension, letters) is kept as written with a `bad_phone` warning, since a
 * slightly odd phone is worth more to the customer than no phone.
 */
import type { ContactPoint, ScalarValue } from "../../model/canonical.js";
import type { ConverterOf, PHONE_COUNTRIES } from "../mapping-schema.js";
import { isContactPoint, stringifyScalar } from "./shapes.js";
import { many, type ValueContext, type ValueIssue, type ValueResult } from "./types.js";

export type PhoneCountry = (typeof PHONE_COUNTRIES)[number];

interface Numbering {
  code: string;
  /** Length range of the national significant number. */
  national: readonly [number, number];
  /** Domestic trunk prefix ("8" in Russia), if any. */
  trunk?: string;
  /** Domestic international-call prefix besides "00" ("810" in Russia). */
  international?: string;
}

const NUMBERING: Readonly<Record<PhoneCountry, Numbering>> = {
  RU: { code: "7", national: [10, 10], trunk: "8", international: "810" },
  KZ: { code: "7", national: [10, 10], trunk: "8", international: "810" },
  BY: { code: "375", national: [9, 9], trunk: "80", international: "810" },
  UA: { code: "380", national: [9, 9], trunk: "0" },
  UZ: { code: "998", national: [9, 9] },
  US: { code: "1", national: [10, 10], trunk: "1", international: "011" },
  DE: { code: "49", national: [6, 11], trunk: "0" },
  GB: { code: "44", national: [9, 10], trunk: "0" },
};

const fits = (length: number, [min, max]: readonly [number, number]) =>
  length >= min && length <= max;
const e164 = (digits: string) =>
  digits.length >= 8 && digits.length <= 15 && !digits.startsWith("0") ? `+${digits}` : null;

/** The E.164 form of `raw` read as dialled in `country`, or null when it cannot be told. */
export function normalizePhone(raw: string, country: PhoneCountry): string | null {
  const text = raw.trim();
  if (!/^\+?[\d\s\u00a0().\-/]+$/.test(text)) return null;
  const digits = text.replace(/\D/g, "");
  if (text.startsWith("+")) return e164(digits);
  const n = NUMBERING[country];
  if (digits.startsWith("00")) return e164(digits.slice(2));
  if (
    n.international &&
    digits.startsWith(n.international) &&
    digits.length > n.international.length + 7
  ) {
    return e164(digits.slice(n.international.length));
  }
  if (n.trunk && digits.startsWith(n.trunk) && fits(digits.length - n.trunk.length, n.national)) {
    return e164(n.code + digits.slice(n.trunk.length));
  }
  if (digits.startsWith(n.code) && fits(digits.length - n.code.length, n.national))
    return e164(digits);
  if (fits(digits.length, n.national)) return e164(n.code + digits);
  return null;
}

/** `phone`: each number in the value ("a, b; c" splits) normalised; kind kept, "WORK" by default. */
export function convertPhone(
  converter: ConverterOf<"phone">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const kind = isContactPoint(value) ? value.kind : "WORK";
  const raw = isContactPoint(value) ? value.value : stringifyScalar(value);
  const values: ContactPoint[] = [];
  const issues: ValueIssue[] = [];
  for (const part of raw.split(/[,;\n]+/)) {
    const written = part.trim();
    if (written === "") continue;
    const normalized =
      converter.format === "e164" ? normalizePhone(written, converter.defaultCountry) : written;
    if (normalized === null) issues.push({ code: "bad_phone", params: { value: written } });
    values.push({ value: normalized ?? written, kind });
  }
  const asText = ctx.targetField.type === "string" || ctx.targetField.type === "text";
  return many(asText ? values.map((v) => v.value) : values, issues);
}
