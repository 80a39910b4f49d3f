/**
 * Choosing the converter that carries a source field into a target field of
 * possibly another type: the "proposed fix" of the mapping review. Lists get
 * value maps built from both systems' items; unknown items are proposed for
 * creation (`onUnknown: "create"`).
 */
import type { FieldSchema } from "../model/schema.js";
import { canJoin, isConverterCompatible, LIST_TYPES, TEXT_TYPES } from "./compat.js";
import {
  DEFAULT_FALSE_VALUES,
  DEFAULT_TRUE_VALUES,
  type Collapse,
  type Converter,
  type PHONE_COUNTRIES,
} from "./mapping-schema.js";
import { labelValueMap, matchItems } from "./propose-items.js";

/** Defaults the chosen converters are filled with. */
export interface ConverterDefaults {
  /** Currency of amounts written without one. */
  currency: string;
  /** Country of phones written without a country code. */
  country: (typeof PHONE_COUNTRIES)[number];
  /** Length limit of the target's `string` fields, if it has one (amoCRM text: 256). */
  stringMaxLength?: number;
  /** Source pipeline id → target pipeline id, once pipelines are matched (for stages). */
  pipelineMap?: Readonly<Record<string, string>>;
}

/** The converter for a field pair, with what it implies for the review. */
export interface ConverterChoice {
  converter: Converter;
  collapse?: Collapse;
  /** List items the target lacks (for `create_items`). */
  newItems: Array<{ label: string; group?: string }>;
  matchedItems: number;
}

type FieldView = Pick<FieldSchema, "type" | "multiple" | "items" | "refEntity">;

function listConverter(
  source: FieldView,
  target: FieldView,
  d: ConverterDefaults,
): Omit<ConverterChoice, "collapse"> {
  const pipelineMap =
    source.type === "stage" && target.type === "stage" ? d.pipelineMap : undefined;
  const match = matchItems(source.items ?? [], target.items ?? [], pipelineMap);
  return {
    converter: { kind: "enum_to_enum", valueMap: match.valueMap, onUnknown: "create" },
    newItems: match.unmatched.map(({ label, group }) => ({
      label,
      ...(group !== undefined ? { group } : {}),
    })),
    matchedItems: Object.keys(match.valueMap).length,
  };
}

function plain(converter: Converter): Omit<ConverterChoice, "collapse"> {
  return { converter, newItems: [], matchedItems: 0 };
}

function baseConverter(
  source: FieldView,
  target: FieldView,
  d: ConverterDefaults,
): Omit<ConverterChoice, "collapse"> | null {
  const from = source.type;
  const to = target.type;
  const isList = (t: FieldView["type"]) => LIST_TYPES.includes(t);
  if (isList(from) && isList(to)) return listConverter(source, target, d);
  if (isList(to) && isConverterCompatible("string_to_enum", from, to)) {
    return plain({
      kind: "string_to_enum",
      valueMap: labelValueMap(target.items ?? []),
      onUnknown: "create",
    });
  }
  if (isList(from) && TEXT_TYPES.includes(to)) {
    const labels = Object.fromEntries((source.items ?? []).map((i) => [i.id, i.label]));
    return plain({ kind: "enum_to_string", labels });
  }
  if (from === "user_ref" && to === "user_ref")
    return plain({ kind: "user_ref", onUnmatched: "default" });
  if (from === "entity_ref" && to === "entity_ref") {
    const entity = source.refEntity ?? target.refEntity;
    if (entity === undefined || (target.refEntity !== undefined && target.refEntity !== entity))
      return null;
    return plain({ kind: "entity_ref", entity, onUnresolved: "skip" });
  }
  if (to === "phones" || (from === "phones" && TEXT_TYPES.includes(to))) {
    return isConverterCompatible("phone", from, to)
      ? plain({ kind: "phone", defaultCountry: d.country, format: "e164" })
      : null;
  }
  if (to === "emails" || (from === "emails" && TEXT_TYPES.includes(to))) {
    return isConverterCompatible("email", from, to) ? plain({ kind: "email" }) : null;
  }
  if ((to === "date" || to === "datetime") && isConverterCompatible(to, from, to))
    return plain({ kind: to });
  const cut = to === "string" && from === "text" && d.stringMaxLength !== undefined;
  if (isConverterCompatible("copy", from, to) && !cut) return plain({ kind: "copy" });
  if (isConverterCompatible("number", from, to))
    return plain({ kind: "number", decimalSeparator: "auto" });
  if (isConverterCompatible("money", from, to)) {
    return plain({ kind: "money", defaultCurrency: d.currency, decimalSeparator: "auto" });
  }
  if (isConverterCompatible("boolean", from, to)) {
    return plain({
      kind: "boolean",
      trueValues: [...DEFAULT_TRUE_VALUES],
      falseValues: [...DEFAULT_FALSE_VALUES],
    });
  }
  if (isConverterCompatible("text", from, to)) {
    return plain({
      kind: "text",
      ...(to === "string" && d.stringMaxLength !== undefined
        ? { maxLength: d.stringMaxLength }
        : {}),
    });
  }
  return null;
}

/**
 * The converter for `source` → `target`, or null when no converter can carry
 * the value (then the field is not matched to that target). A multiple source
 * into a single target is joined as text, or keeps its first value.
 */
export function chooseConverter(
  source: FieldView,
  target: FieldView,
  defaults: ConverterDefaults,
): ConverterChoice | null {
  const base = baseConverter(source, target, defaults);
  if (!base) return null;
  if (!source.multiple || target.multiple) return base;
  const collapse: Collapse = canJoin(target.type)
    ? { pick: "join", separator: ", " }
    : { pick: "first", separator: ", " };
  return { ...base, collapse };
}
