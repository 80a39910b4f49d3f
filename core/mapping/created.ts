/**
 * Recording what the engine created in the target back into the mapping, so
 * the next apply finds it: ids of new list items (`withCreatedItems`) and codes
 * of new custom fields (`withCreatedFields`). Pure: each returns a new mapping,
 * which the engine persists with the migration (so a restart does not create
 * the same items twice).
 */
import type { FieldSpec } from "../connectors/connector.js";
import type { EntityKind } from "../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema } from "../model/schema.js";
import type { MissingItem } from "./apply-field.js";
import type { CreateFieldSpec, FieldRule, Mapping, MapRule } from "./mapping-schema.js";
import { normalizeLabel } from "./normalize.js";

/** A missing item as `applyEntityMapping` reported it, with the item the connector created (or found). */
export type CreatedItem = Pick<MissingItem, "fieldCode" | "sourceCode" | "sourceKey"> & {
  item: EnumItem;
};

function updateRules(
  mapping: Mapping,
  entity: EntityKind,
  update: (rule: FieldRule, index: number) => FieldRule,
): Mapping {
  const current = mapping.entities[entity];
  if (!current) return mapping;
  return {
    ...mapping,
    entities: { ...mapping.entities, [entity]: { ...current, fields: current.fields.map(update) } },
  };
}

const targetCode = (rule: MapRule) =>
  "code" in rule.target ? rule.target.code : rule.target.create.code;

/** Adds `sourceKey → item.id` to the value map of the rule each created item belongs to. */
export function withCreatedItems(
  mapping: Mapping,
  entity: EntityKind,
  created: readonly CreatedItem[],
): Mapping {
  if (created.length === 0) return mapping;
  return updateRules(mapping, entity, (rule) => {
    if (rule.action !== "map") return rule;
    const { converter } = rule;
    if (converter.kind !== "string_to_enum" && converter.kind !== "enum_to_enum") return rule;
    const mine = created.filter(
      (c) => c.sourceCode === rule.source && c.fieldCode === targetCode(rule),
    );
    if (mine.length === 0) return rule;
    const valueMap = { ...converter.valueMap };
    for (const c of mine) valueMap[c.sourceKey] = c.item.id;
    return { ...rule, converter: { ...converter, valueMap } };
  });
}

/** The custom fields a mapping wants created, by rule index: pass the specs to `Connector.ensureFields`. */
export function fieldsToCreate(
  mapping: Mapping,
  entity: EntityKind,
): Array<{ ruleIndex: number; spec: FieldSpec }> {
  const rules = mapping.entities[entity]?.fields ?? [];
  return rules.flatMap((rule, ruleIndex) => {
    if (rule.action !== "map" || "code" in rule.target) return [];
    const { code: _code, ...spec }: CreateFieldSpec = rule.target.create;
    return [{ ruleIndex, spec }];
  });
}

/** Value map entries for a list field created with the source's items (matched by label). */
function itemsByLabel(
  rule: MapRule,
  field: FieldSchema,
  source: EntitySchema | undefined,
): Record<string, string> {
  const byLabel = new Map((field.items ?? []).map((i) => [normalizeLabel(i.label), i.id]));
  const entries: Record<string, string> = {};
  if (rule.converter.kind === "string_to_enum") {
    for (const [label, id] of byLabel) entries[label] = id;
  } else if (rule.converter.kind === "enum_to_enum") {
    const sourceItems = source?.fields.find((f) => f.code === rule.source)?.items ?? [];
    for (const item of sourceItems) {
      const id = byLabel.get(normalizeLabel(item.label));
      if (id !== undefined) entries[item.id] = id;
    }
  }
  return entries;
}

/**
 * Points each rule that asked for a new field at the field the connector
 * created, and fills list value maps from the new field's items, so the first
 * records need no extra "missing items" round.
 */
export function withCreatedFields(
  mapping: Mapping,
  entity: EntityKind,
  created: ReadonlyArray<{ ruleIndex: number; field: FieldSchema }>,
  source?: EntitySchema,
): Mapping {
  return updateRules(mapping, entity, (rule, index) => {
    const field = created.find((c) => c.ruleIndex === index)?.field;
    if (!field || rule.action !== "map") return rule;
    const next: MapRule = { ...rule, target: { code: field.code } };
    const { converter } = next;
    if (converter.kind !== "string_to_enum" && converter.kind !== "enum_to_enum") return next;
    const valueMap = { ...itemsByLabel(rule, field, source), ...converter.valueMap };
    return { ...next, converter: { ...converter, valueMap } };
  });
}
