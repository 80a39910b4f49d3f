/**
 * Changing one field of the draft mapping from the chat ("accept or change per
 * field", DESIGN.md §1 step 4): write it to another target field, create a new
 * custom field for it, or leave it behind. Pure: a new mapping comes back; the
 * converter is chosen as the proposal would (`chooseConverter`), so a change can
 * never produce a rule validation would reject for its types.
 */
import {
  chooseConverter,
  type ConverterDefaults,
  type CreateFieldSpec,
  type FieldRule,
  type Mapping,
} from "../../../core/mapping/index.js";
import type { EntityKind } from "../../../core/model/canonical.js";
import { findField, type EntitySchema, type FieldSchema } from "../../../core/model/schema.js";

export type RuleChange = { kind: "skip" } | { kind: "target"; code: string } | { kind: "create" };

export interface EntitySchemas {
  source: EntitySchema;
  target: EntitySchema;
}

const BASE: ConverterDefaults = { currency: "RUB", country: "RU" };
/** Types a custom field of which cannot be created (they are system lists). */
const NOT_CREATABLE: ReadonlySet<FieldSchema["type"]> = new Set(["pipeline", "stage", "file"]);

/** Source pipeline id → target pipeline id, from the mapping's pipeline rule (stages need it). */
function defaultsFor(
  mapping: Mapping,
  entity: EntityKind,
  target: EntitySchema,
): ConverterDefaults {
  for (const rule of mapping.entities[entity]?.fields ?? []) {
    if (rule.action !== "map" || !("code" in rule.target) || rule.converter.kind !== "enum_to_enum")
      continue;
    if (findField(target, rule.target.code)?.type !== "pipeline") continue;
    const pairs = Object.entries(rule.converter.valueMap).flatMap(([k, v]) =>
      v === null ? [] : [[k, v] as const],
    );
    return { ...BASE, pipelineMap: Object.fromEntries(pairs) };
  }
  return BASE;
}

/** Target fields the source field can be written to, in the target's order. */
export function targetChoices(source: FieldSchema, target: EntitySchema): FieldSchema[] {
  return target.fields.filter((f) => !f.readOnly && chooseConverter(source, f, BASE) !== null);
}

/** Whether "create a new field for it" is offered. */
export function canCreate(source: FieldSchema): boolean {
  return source.custom && !NOT_CREATABLE.has(source.type);
}

function createSpec(s: FieldSchema): CreateFieldSpec {
  return {
    label: s.label,
    type: s.type,
    multiple: s.multiple,
    ...(s.items ? { items: s.items.map((i) => i.label) } : {}),
    ...(s.refEntity ? { refEntity: s.refEntity } : {}),
  };
}

/** The source field a rule reads; undefined for constants or unknown codes. */
export function sourceOfRule(
  rule: FieldRule | undefined,
  source: EntitySchema,
): FieldSchema | undefined {
  return rule === undefined || rule.action === "constant"
    ? undefined
    : findField(source, rule.source);
}

/** The mapping with rule `ruleIndex` of `entity` changed; the same mapping when the change is impossible. */
export function changeRule(
  mapping: Mapping,
  entity: EntityKind,
  ruleIndex: number,
  change: RuleChange,
  schemas: EntitySchemas,
): Mapping {
  const em = mapping.entities[entity];
  const rule = em?.fields[ruleIndex];
  const source = sourceOfRule(rule, schemas.source);
  if (em === undefined || source === undefined) return mapping;
  const defaults = defaultsFor(mapping, entity, schemas.target);
  let next: FieldRule;
  if (change.kind === "skip") {
    next = { action: "skip", source: source.code };
  } else if (change.kind === "target") {
    const target = findField(schemas.target, change.code);
    const choice = target && !target.readOnly ? chooseConverter(source, target, defaults) : null;
    if (!choice) return mapping;
    next = {
      action: "map",
      source: source.code,
      target: { code: change.code },
      converter: choice.converter,
      ...(choice.collapse ? { collapse: choice.collapse } : {}),
    };
  } else {
    if (!canCreate(source)) return mapping;
    const spec = createSpec(source);
    const choice = chooseConverter(
      source,
      { type: spec.type, multiple: spec.multiple, items: [], refEntity: spec.refEntity },
      defaults,
    );
    if (!choice) return mapping;
    next = {
      action: "map",
      source: source.code,
      target: { create: spec },
      converter: choice.converter,
      ...(choice.collapse ? { collapse: choice.collapse } : {}),
    };
  }
  const fields = em.fields.map((r, i) => (i === ruleIndex ? next : r));
  return { ...mapping, entities: { ...mapping.entities, [entity]: { ...em, fields } } };
}
