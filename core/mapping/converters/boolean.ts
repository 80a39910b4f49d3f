/**
 * Yes/no values as systems and people write them: "Y"/"N" (Bitrix24),
 * true/false (amoCRM checkbox), 1/0, "да"/"нет". For a list source the item's
 * label is compared too, so a "Да/Нет" list becomes a checkbox.
 */
import type { ScalarValue } from "../../model/canonical.js";
import type { ConverterOf } from "../mapping-schema.js";
import { normalizeLabel } from "../normalize.js";
import { stringifyScalar } from "./shapes.js";
import { drop, ok, type ValueContext, type ValueResult } from "./types.js";

/** `boolean`: matched against the converter's (normalised) true and false lists. */
export function convertBoolean(
  converter: ConverterOf<"boolean">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  if (typeof value === "boolean") return ok(value);
  const text = typeof value === "number" ? String(value) : stringifyScalar(value);
  const item = ctx.sourceField?.items?.find((i) => i.id === text.trim());
  // The label decides for a list item: item "1" may well be labelled "Нет".
  const candidates = item ? [item.label, text] : [text];
  const trueSet = new Set(converter.trueValues.map(normalizeLabel));
  const falseSet = new Set(converter.falseValues.map(normalizeLabel));
  for (const candidate of candidates.map(normalizeLabel)) {
    if (trueSet.has(candidate)) return ok(true);
    if (falseSet.has(candidate)) return ok(false);
  }
  return drop({ code: "bad_boolean", params: { value: text } });
}
