/**
 * `copy` and `text`: values that need no interpretation, only a shape check
 * (copy) or rendering as text with an optional length limit (text), e.g. an
 * amoCRM `textarea` into a Bitrix24 `string`, or a number into a comment.
 */
import type { ScalarValue } from "../../model/canonical.js";
import type { ConverterOf } from "../mapping-schema.js";
import { fitsType, isContactPoint, stringifyScalar } from "./shapes.js";
import { drop, ok, type ValueContext, type ValueResult } from "./types.js";

/**
 * Takes the value as it is. Between text and site/messenger fields the shape is
 * adapted (a URL string ↔ `{ value, kind }`); anything else must already fit.
 */
export function convertCopy(value: ScalarValue, ctx: ValueContext): ValueResult {
  const type = ctx.targetField.type;
  if ((type === "urls" || type === "ims") && typeof value === "string")
    return ok({ value: value.trim(), kind: "WORK" });
  if ((type === "string" || type === "text") && isContactPoint(value)) return ok(value.value);
  if (fitsType(type, value)) return ok(value);
  return drop({ code: "bad_value", params: { expected: type, value: stringifyScalar(value) } });
}

/** Cuts `text` to `maxLength` characters (code points, so emoji are never split). */
export function truncate(text: string, maxLength: number | undefined): ValueResult {
  if (maxLength === undefined) return ok(text);
  const chars = Array.from(text);
  if (chars.length <= maxLength) return ok(text);
  return ok(chars.slice(0, maxLength).join(""), {
    code: "too_long",
    params: { length: chars.length, maxLength },
  });
}

/** Any scalar as text (see `stringifyScalar`), truncated to the converter's `maxLength`. */
export function convertText(converter: ConverterOf<"text">, value: ScalarValue): ValueResult {
  return truncate(stringifyScalar(value), converter.maxLength);
}
