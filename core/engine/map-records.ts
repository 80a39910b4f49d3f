/**
 * A page of source records through the mapping: links resolved through the
 * pre-loaded id map, list items the target lacks created (then the records
 * mapped again — pipelines first, their stages in the next round), and every
 * record sorted into "ready to write" or "failed" with all its problems.
 */
import { applyEntityMapping, type ApplyResult, type RecordProblem } from "../mapping/index.js";
import type { CanonicalRecord, EntityKind, TargetRecord } from "../model/canonical.js";
import type { RunContext } from "./context.js";
import { createMissingItems } from "./items.js";
import { preloadRefs } from "./refs.js";

/** Rounds of "create missing items, map again": enums and pipelines, then stages, then a spare. */
const ITEM_ROUNDS = 3;

export interface MappedRecords {
  ready: TargetRecord[];
  failed: Array<{ sourceId: string; problems: RecordProblem[] }>;
  /** Ready records that lost a value (a dropped link, an unknown item...), and their problems by code. */
  warnings: { records: number; codes: Record<string, number> };
}

/** Maps `records`; those in `targetIds` become updates of that target record. */
export async function mapRecords(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
  targetIds: ReadonlyMap<string, string>,
): Promise<MappedRecords> {
  const schemas = ctx.schemasOf(entity);
  const resolveRef = await preloadRefs(ctx, entity, records);
  const apply = (record: CanonicalRecord): ApplyResult =>
    applyEntityMapping(record, ctx.mapping.rules(entity), {
      target: schemas.target,
      source: schemas.source,
      users: ctx.mapping.current.users,
      timeZones: ctx.mapping.current.timeZones,
      resolveRef,
    });

  let results = records.map(apply);
  for (let round = 0; round < ITEM_ROUNDS; round += 1) {
    const missing = results.flatMap((r) => r.missingItems);
    if (missing.length === 0) break;
    await createMissingItems(ctx, entity, missing);
    results = results.map((result, i) => {
      const record = records[i];
      return result.missingItems.length > 0 && record ? apply(record) : result;
    });
  }

  const mapped: MappedRecords = { ready: [], failed: [], warnings: { records: 0, codes: {} } };
  for (const result of results) {
    const unresolved: RecordProblem[] = result.missingItems.map((m) => ({
      path: `fields.${m.sourceCode}`,
      code: "unknown_item",
      severity: "error",
      sourceField: m.sourceCode,
      targetField: m.fieldCode,
      params: { value: m.label },
    }));
    const problems = [...result.problems, ...unresolved];
    const sourceId = result.target.sourceId;
    if (problems.some((p) => p.severity === "error")) {
      mapped.failed.push({ sourceId, problems });
      continue;
    }
    const targetId = targetIds.get(sourceId);
    mapped.ready.push(targetId === undefined ? result.target : { ...result.target, targetId });
    if (problems.length > 0) mapped.warnings.records += 1;
    for (const p of problems)
      mapped.warnings.codes[p.code] = (mapped.warnings.codes[p.code] ?? 0) + 1;
  }
  return mapped;
}

/** One line a person can read for a record's error problems, e.g. `required_missing at target.TITLE`. */
export function describeProblems(problems: readonly RecordProblem[]): string {
  return problems
    .filter((p) => p.severity === "error")
    .map((p) => {
      const params = p.params
        ? ` (${Object.entries(p.params)
            .map(([k, v]) => `${k}=${String(v)}`)
            .join(", ")})`
        : "";
      return `${p.code} at ${p.path}${params}`;
    })
    .join("; ");
}
