/**
 * List values: text → item (`string_to_enum`), item → item (`enum_to_enum`,
 * also pipelines and stages) and item → text (`enum_to_string`). Item ids
 * differ between portals, so they always go through a value map; a value the
 * map lacks follows `onUnknown` — "create" hands it to the engine as a missing
 * item to add to the target (then `withCreatedItems` records its id).
 */
import type { ScalarValue } from "../../model/canonical.js";
import type { ConverterOf } from "../mapping-schema.js";
import { normalizeLabel } from "../normalize.js";
import { idOf, stringifyScalar } from "./shapes.js";
import { drop, ok, type MissingItemDraft, type ValueContext, type ValueResult } from "./types.js";

type ListConverter = ConverterOf<"string_to_enum"> | ConverterOf<"enum_to_enum">;

/** Own keys only: a value "constructor" must not find Object.prototype's. */
function lookup(map: Record<string, string | null>, key: string): string | null | undefined {
  return Object.hasOwn(map, key) ? map[key] : undefined;
}

/** A target item, checked against the target record's pipeline when it is a stage. */
function resolved(itemId: string, ctx: ValueContext): ValueResult {
  const { targetField, targetGroup } = ctx;
  if (targetField.type === "stage" && targetGroup !== undefined) {
    const item = targetField.items?.find((i) => i.id === itemId);
    if (item?.group !== undefined && item.group !== targetGroup) {
      return drop({
        code: "stage_pipeline_mismatch",
        severity: "error",
        params: { stage: itemId, pipeline: targetGroup },
      });
    }
  }
  return ok(itemId);
}

function unknown(
  converter: ListConverter,
  value: string,
  ctx: ValueContext,
  missing: MissingItemDraft | null,
): ValueResult {
  switch (converter.onUnknown) {
    case "create":
      if (missing) return { values: [], issues: [], missing };
      return drop({
        code: "unknown_item",
        severity: "error",
        params: { value, reason: "no_label" },
      });
    case "default": {
      if (converter.defaultItemId === undefined)
        return drop({ code: "unknown_item", params: { value } });
      const result = resolved(converter.defaultItemId, ctx);
      const issue = {
        code: "unknown_item" as const,
        params: { value, defaulted: converter.defaultItemId },
      };
      return { ...result, issues: [issue, ...result.issues] };
    }
    case "skip":
      return drop({ code: "unknown_item", params: { value } });
    case "error":
      return drop({ code: "unknown_item", severity: "error", params: { value } });
  }
}

/** `string_to_enum`: the normalised text looked up in the value map. */
export function convertStringToEnum(
  converter: ConverterOf<"string_to_enum">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const text = stringifyScalar(value).trim();
  const key = normalizeLabel(text);
  const itemId = lookup(converter.valueMap, key);
  if (itemId === null) return drop();
  if (itemId !== undefined) return resolved(itemId, ctx);
  return unknown(converter, text, ctx, { sourceKey: key, label: text });
}

/** `enum_to_enum`: the source item id looked up; a new item takes the source item's label and semantics. */
export function convertEnumToEnum(
  converter: ConverterOf<"enum_to_enum">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const key = idOf(value);
  if (key === undefined)
    return drop({
      code: "bad_value",
      params: { expected: "item id", value: stringifyScalar(value) },
    });
  const itemId = lookup(converter.valueMap, key);
  if (itemId === null) return drop();
  if (itemId !== undefined) return resolved(itemId, ctx);
  const source = ctx.sourceField?.items?.find((i) => i.id === key);
  const missing: MissingItemDraft | null = source
    ? {
        sourceKey: key,
        label: source.label,
        ...(source.semantics ? { semantics: source.semantics } : {}),
      }
    : null;
  return unknown(converter, key, ctx, missing);
}

/** `enum_to_string`: the label from the converter, else from the source schema. */
export function convertEnumToString(
  converter: ConverterOf<"enum_to_string">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const key = idOf(value) ?? stringifyScalar(value);
  const label = Object.hasOwn(converter.labels, key)
    ? converter.labels[key]
    : ctx.sourceField?.items?.find((i) => i.id === key)?.label;
  return label === undefined ? drop({ code: "unknown_item", params: { value: key } }) : ok(label);
}
