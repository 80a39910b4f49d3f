/**
 * E-mails trimmed and lower-cased, "Ivan <ivan@x.ru>" and "mailto:" unwrapped,
 * "a@x.ru; b@y.ru" split. An address that is not one is dropped with a
 * `bad_email` warning (value in the params): CRMs reject the whole record
 * for one malformed e-mail, which would cost the customer the record.
 */
import type { ContactPoint, ScalarValue } from "../../model/canonical.js";
import { isContactPoint, stringifyScalar } from "./shapes.js";
import { many, type ValueContext, type ValueIssue, type ValueResult } from "./types.js";

const EMAIL = /^[^\s@<>(),;:"[\]]+@[^\s@<>(),;:"[\]]+\.[^\s@<>(),;:"[\].]{2,}$/u;

/** The normalised address, or null when `raw` is not an e-mail address. */
export function normalizeEmail(raw: string): string | null {
  let text = raw.trim();
  const bracketed = /<([^<>]+)>\s*$/.exec(text);
  if (bracketed) text = bracketed[1] ?? "";
  text = text
    .replace(/^mailto:/i, "")
    .trim()
    .toLowerCase();
  return EMAIL.test(text) ? text : null;
}

/** `email`: every address in the value, normalised; kind kept, "WORK" by default. */
export function convertEmail(value: ScalarValue, ctx: ValueContext): ValueResult {
  const kind = isContactPoint(value) ? value.kind : "WORK";
  const raw = isContactPoint(value) ? value.value : stringifyScalar(value);
  const values: ContactPoint[] = [];
  const issues: ValueIssue[] = [];
  for (const part of raw.split(/[,;\n]+/)) {
    if (part.trim() === "") continue;
    const email = normalizeEmail(part);
    if (email === null) issues.push({ code: "bad_email", params: { value: part.trim() } });
    else values.push({ value: email, kind });
  }
  const asText = ctx.targetField.type === "string" || ctx.targetField.type === "text";
  return many(asText ? values.map((v) => v.value) : values, issues);
}
