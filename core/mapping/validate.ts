/**
 * Checking a mapping against the two systems' schemas before a run (and after
 * every upload or edit): fields that do not exist, converters that do not fit
 * the types, item ids the target does not know, two rules writing one single
 * field, required fields nobody fills, read-only fields written. Every problem
 * carries the JSON path of the offending spot in the mapping file.
 */
import type { EntityKind } from "../model/canonical.js";
import {
  findField,
  type EntitySchema,
  type FieldSchema,
  type UserSummary,
} from "../model/schema.js";
import { canJoin, isConverterCompatible } from "./compat.js";
import { fitsType } from "./converters/shapes.js";
import { checkStages } from "./validate-stages.js";
import type { ConstantRule, EntityMapping, MapRule, Mapping } from "./mapping-schema.js";
import { formatPath, joinPath } from "./normalize.js";
import type { MappingProblem, MappingProblemCode, ProblemParams } from "./problems.js";

/** The schemas a mapping is checked against (from `Connector.describe`). */
export interface MappingSchemas {
  /** Source schemas by source entity. */
  sources: Partial<Record<EntityKind, EntitySchema>>;
  /** Target schemas by target entity. */
  targets: Partial<Record<EntityKind, EntitySchema>>;
  /** Target users, to check the user table; skipped when absent. */
  targetUsers?: readonly UserSummary[];
}

/** Adds a problem; shared by the validation helpers. */
export type Report = (
  path: string,
  code: MappingProblemCode,
  severity: "error" | "warning",
  params?: ProblemParams,
) => void;

function checkItems(
  rule: MapRule,
  path: string,
  source: FieldSchema | undefined,
  target: FieldSchema | undefined,
  report: Report,
) {
  const { converter } = rule;
  if (converter.kind !== "string_to_enum" && converter.kind !== "enum_to_enum") return;
  const known = (id: string) =>
    target?.items === undefined || target.items.some((i) => i.id === id);
  for (const [key, id] of Object.entries(converter.valueMap)) {
    const at = joinPath(path, "converter", "valueMap", key);
    if (id !== null && !known(id)) report(at, "unknown_target_item", "error", { item: id });
    if (
      converter.kind === "enum_to_enum" &&
      source?.items &&
      !source.items.some((i) => i.id === key)
    ) {
      report(at, "unknown_source_item", "warning", { item: key });
    }
  }
  if (converter.defaultItemId !== undefined && !known(converter.defaultItemId)) {
    report(joinPath(path, "converter", "defaultItemId"), "unknown_target_item", "error", {
      item: converter.defaultItemId,
    });
  }
}

/** Checks one map rule; returns the target code it writes, if known. */
function checkMapRule(
  rule: MapRule,
  path: string,
  src: EntitySchema,
  tgt: EntitySchema,
  report: Report,
): FieldSchema | undefined {
  const source = findField(src, rule.source);
  if (!source)
    report(joinPath(path, "source"), "unknown_source_field", "error", { field: rule.source });
  let target: FieldSchema | undefined;
  let type: FieldSchema["type"] | undefined;
  if ("code" in rule.target) {
    target = findField(tgt, rule.target.code);
    const at = joinPath(path, "target", "code");
    if (!target) report(at, "unknown_target_field", "error", { field: rule.target.code });
    else if (target.readOnly) report(at, "read_only_target", "error", { field: target.code });
    type = target?.type;
  } else {
    const spec = rule.target.create;
    if (spec.code !== undefined && findField(tgt, spec.code)) {
      report(joinPath(path, "target", "create", "code"), "target_exists", "error", {
        field: spec.code,
      });
    }
    type = spec.type;
  }
  if (
    source &&
    type !== undefined &&
    !isConverterCompatible(rule.converter.kind, source.type, type)
  ) {
    report(joinPath(path, "converter", "kind"), "incompatible_converter", "error", {
      converter: rule.converter.kind,
      sourceType: source.type,
      targetType: type,
    });
  }
  if (type !== undefined && rule.collapse?.pick === "join" && !canJoin(type)) {
    report(joinPath(path, "collapse", "pick"), "incompatible_converter", "error", {
      collapse: "join",
      targetType: type,
    });
  }
  if (
    rule.converter.kind === "entity_ref" &&
    source?.refEntity !== undefined &&
    source.refEntity !== rule.converter.entity
  ) {
    report(joinPath(path, "converter", "entity"), "ref_entity_mismatch", "warning", {
      expected: source.refEntity,
    });
  }
  checkItems(rule, path, source, target, report);
  return target;
}

function checkConstant(
  rule: ConstantRule,
  path: string,
  tgt: EntitySchema,
  report: Report,
): FieldSchema | undefined {
  const target = findField(tgt, rule.target.code);
  const at = joinPath(path, "target", "code");
  if (!target) report(at, "unknown_target_field", "error", { field: rule.target.code });
  else if (target.readOnly) report(at, "read_only_target", "error", { field: target.code });
  else if (rule.value !== null) {
    const values = Array.isArray(rule.value) ? rule.value : [rule.value];
    const listOk = (v: unknown) =>
      target.items === undefined || target.items.some((i) => i.id === v);
    const bad =
      (Array.isArray(rule.value) && !target.multiple) ||
      values.some((v) => !fitsType(target.type, v) || !listOk(v));
    if (bad) report(joinPath(path, "value"), "bad_constant", "error", { targetType: target.type });
  }
  return target;
}

function checkEntity(entity: string, em: EntityMapping, schemas: MappingSchemas, report: Report) {
  const base = formatPath(["entities", entity]);
  const src = schemas.sources[entity as EntityKind];
  const tgt = schemas.targets[em.target];
  if (!src) report(base, "unknown_entity", "error", { side: "source", entity });
  if (!tgt)
    report(joinPath(base, "target"), "unknown_entity", "error", {
      side: "target",
      entity: em.target,
    });
  if (!src || !tgt) return;
  const written = new Map<string, number>();
  em.fields.forEach((rule, index) => {
    const path = joinPath(base, "fields", index);
    if (rule.action === "skip") {
      if (!findField(src, rule.source))
        report(joinPath(path, "source"), "unknown_source_field", "warning", { field: rule.source });
      return;
    }
    const target =
      rule.action === "map"
        ? checkMapRule(rule, path, src, tgt, report)
        : checkConstant(rule, path, tgt, report);
    const code =
      target?.code ?? ("code" in rule.target ? rule.target.code : rule.target.create.code);
    if (code === undefined) return;
    const first = written.get(code);
    if (first === undefined) written.set(code, index);
    else if (!target?.multiple) {
      const at = joinPath(path, "target", "code" in rule.target ? "code" : "create");
      report(at, "duplicate_target", "error", {
        field: code,
        first: joinPath(base, "fields", first),
      });
    }
  });
  for (const field of tgt.fields) {
    if (field.required && !field.readOnly && !written.has(field.code)) {
      report(joinPath(base, "fields"), "required_target_unmapped", "error", { field: field.code });
    }
  }
  checkStages(em, base, src, tgt, report);
}

/** All problems of `mapping` against the schemas; empty = ready to run. */
export function validateMapping(mapping: Mapping, schemas: MappingSchemas): MappingProblem[] {
  const problems: MappingProblem[] = [];
  const report: Report = (path, code, severity, params) =>
    problems.push({ path, code, severity, ...(params ? { params } : {}) });
  for (const [entity, em] of Object.entries(mapping.entities))
    checkEntity(entity, em, schemas, report);
  const users = schemas.targetUsers;
  if (users) {
    const known = (id: string) => users.some((u) => u.id === id);
    for (const [sourceId, targetId] of Object.entries(mapping.users.byId)) {
      if (!known(targetId))
        report(formatPath(["users", "byId", sourceId]), "unknown_user", "error", {
          user: targetId,
        });
    }
    const fallback = mapping.users.defaultTargetUserId;
    if (fallback !== null && !known(fallback))
      report("users.defaultTargetUserId", "unknown_user", "error", { user: fallback });
  }
  return problems;
}
