/**
 * Applying an entity's mapping to one source record (DESIGN.md §3 "Mapping"):
 * pure and synchronous, so the engine can run it for a page of records between
 * two API calls. Every problem is reported with its path, never only the first;
 * an "error" means the record must not be written, a "warning" that it is
 * written without (or with a defaulted) value. List items the target lacks
 * come back in `missingItems`: the engine creates them, records them with
 * `withCreatedItems` and applies again (pipelines first, then their stages).
 */
import type { CanonicalRecord, EntityKind, FieldValue, TargetRecord } from "../model/canonical.js";
import { findField, type EntitySchema } from "../model/schema.js";
import { applyMapRule, dedupe, type MissingItem, type TargetFieldView } from "./apply-field.js";
import type { FieldRule, MapRule, TimeZones, UserMapping } from "./mapping-schema.js";
import { formatPath } from "./normalize.js";
import type { RecordProblem, Severity } from "./problems.js";

export type { MissingItem } from "./apply-field.js";

/** What `applyEntityMapping` needs besides the record and the rules; all of it pre-loaded, nothing async. */
export interface ApplyContext {
  /** The target entity's schema (after custom fields were created). */
  target: EntitySchema;
  /** The source entity's schema: item labels and stage semantics for items to create. */
  source?: EntitySchema;
  users: UserMapping;
  timeZones: TimeZones;
  /** Target id of an already migrated record, from the id map the engine pre-loaded for this page. */
  resolveRef: (entity: EntityKind, sourceId: string) => string | undefined;
}

/** The target record (write it only when no problem is an error and nothing is missing), its problems, the items to create. */
export interface ApplyResult {
  target: TargetRecord;
  problems: RecordProblem[];
  missingItems: MissingItem[];
}

/** The target field a map rule writes, or the problem that prevents it. */
function targetField(rule: MapRule, schema: EntitySchema): TargetFieldView | RecordProblem {
  const path = formatPath(["fields", rule.source]);
  if ("code" in rule.target) {
    return (
      findField(schema, rule.target.code) ?? {
        path,
        code: "unknown_target_field",
        severity: "error",
        sourceField: rule.source,
        targetField: rule.target.code,
      }
    );
  }
  const spec = rule.target.create;
  if (spec.code === undefined)
    return { path, code: "target_not_created", severity: "error", sourceField: rule.source };
  return (
    findField(schema, spec.code) ?? {
      code: spec.code,
      type: spec.type,
      multiple: spec.multiple,
      required: false,
      readOnly: false,
    }
  );
}

const isProblem = (v: TargetFieldView | RecordProblem): v is RecordProblem => "severity" in v;
const codeOf = (rule: FieldRule) =>
  rule.action === "skip"
    ? undefined
    : "code" in rule.target
      ? rule.target.code
      : rule.target.create.code;

/** A problem about a target field alone (no source value involved). */
function targetProblem(
  code: string,
  problem: RecordProblem["code"],
  severity: Severity,
): RecordProblem {
  return { path: formatPath(["target", code]), code: problem, severity, targetField: code };
}

/** Converts `record` into the target's codes and ids with `rules` (one entity's mapping). */
export function applyEntityMapping(
  record: CanonicalRecord,
  rules: readonly FieldRule[],
  ctx: ApplyContext,
): ApplyResult {
  const fields: Record<string, FieldValue> = {};
  const problems: RecordProblem[] = [];
  const missing: MissingItem[] = [];
  const pipeline = ctx.target.fields.find((f) => f.type === "pipeline");
  // Pipelines first: a stage is checked against (and created in) the record's target pipeline.
  const isPipeline = (rule: FieldRule) => Number(codeOf(rule) === pipeline?.code);
  const ordered = [...rules].sort((a, b) => isPipeline(b) - isPipeline(a));

  /** Several rules may fill one multiple field (two phone columns); a single one keeps the first. */
  const write = (field: TargetFieldView, value: FieldValue, duplicate: RecordProblem) => {
    const existing = fields[field.code];
    if (existing === undefined || existing === null) fields[field.code] = value;
    else if (!field.multiple) problems.push(duplicate);
    else {
      fields[field.code] = dedupe([existing, value].flat().filter((v) => v !== null));
    }
  };

  for (const rule of ordered) {
    if (rule.action === "skip") continue;
    if (rule.action === "constant") {
      const field = findField(ctx.target, rule.target.code);
      const code = rule.target.code;
      if (!field) problems.push(targetProblem(code, "unknown_target_field", "error"));
      else if (field.readOnly) problems.push(targetProblem(code, "read_only_target", "warning"));
      else if (rule.value !== null) {
        write(field, rule.value, targetProblem(code, "duplicate_target", "warning"));
      }
      continue;
    }
    const field = targetField(rule, ctx.target);
    if (isProblem(field)) {
      problems.push(field);
      continue;
    }
    const at = {
      path: formatPath(["fields", rule.source]),
      sourceField: rule.source,
      targetField: field.code,
    };
    if (field.readOnly) {
      problems.push({ ...at, code: "read_only_target", severity: "warning" });
      continue;
    }
    const group = pipeline ? fields[pipeline.code] : undefined;
    const sourceField = ctx.source ? findField(ctx.source, rule.source) : undefined;
    const outcome = applyMapRule(rule, record.fields[rule.source], field, {
      targetField: field,
      ...(sourceField ? { sourceField } : {}),
      timeZones: ctx.timeZones,
      users: ctx.users,
      resolveRef: ctx.resolveRef,
      ...(typeof group === "string" ? { targetGroup: group } : {}),
    });
    problems.push(...outcome.problems);
    missing.push(...outcome.missing);
    if (outcome.value !== null) {
      write(field, outcome.value, { ...at, code: "duplicate_target", severity: "warning" });
    }
  }

  const covered = new Set(rules.map(codeOf));
  for (const field of ctx.target.fields) {
    if (field.required && !field.readOnly && !covered.has(field.code)) {
      problems.push(targetProblem(field.code, "required_missing", "error"));
    }
  }
  const pipelineValue = pipeline ? fields[pipeline.code] : undefined;
  const missingItems = placeStages(missing, ctx.target, pipelineValue);
  return { target: { sourceId: record.id, fields }, problems, missingItems };
}

/** New stages go into the record's target pipeline; while that pipeline is itself missing, they wait. */
function placeStages(
  missing: MissingItem[],
  schema: EntitySchema,
  pipelineValue: FieldValue | undefined,
): MissingItem[] {
  const pipelineMissing = missing.some((m) => findField(schema, m.fieldCode)?.type === "pipeline");
  return missing.flatMap((m) => {
    if (findField(schema, m.fieldCode)?.type !== "stage") return [m];
    if (typeof pipelineValue === "string") return [{ ...m, group: pipelineValue }];
    return pipelineMissing ? [] : [m];
  });
}
