/**
 * A page of source records through the mapping, one slice at a time: links
 * resolved through the id map loaded once for the whole page, list items the
 * target lacks created once per page (then the records mapped again —
 * pipelines first, their stages in the next round), and every record sorted
 * into "ready to write" or "failed" with all its problems.
 *
 * Slices keep memory flat: only a write's worth of target records exists at a
 * time, instead of a whole page of them living (and being promoted to V8's old
 * space) for the dozens of write requests the page takes.
 */
import {
  applyEntityMapping,
  type ApplyResult,
  type MissingItem,
  type RecordProblem,
} from "../mapping/index.js";
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

/**
 * Maps `records` `size` at a time, draining the array (a slice leaves it as
 * it is mapped, so a page's records are freed as it is written); those in
 * `targetIds` become updates of that target record. The first slice that
 * lacks list items creates them for itself and the rest of the page in one
 * go, so a page costs the same item requests as when it was mapped whole;
 * later slices map with whatever exists then.
 */
export async function* mapInSlices(
  ctx: RunContext,
  entity: EntityKind,
  records: CanonicalRecord[],
  targetIds: ReadonlyMap<string, string>,
  size: number,
): AsyncGenerator<MappedRecords> {
  const apply = await pageApplier(ctx, entity, records);
  let itemsCreated = false;
  while (records.length > 0) {
    const slice = records.splice(0, size);
    let results = slice.map(apply);
    if (!itemsCreated && results.some((r) => r.missingItems.length > 0)) {
      itemsCreated = true;
      await createItemsFor(ctx, entity, [...slice, ...records], apply);
      results = slice.map(apply);
    }
    yield sortResults(results, targetIds);
  }
}

/** Adds `more` warnings to `into`. */
export function addWarnings(
  into: MappedRecords["warnings"],
  more: MappedRecords["warnings"],
): void {
  into.records += more.records;
  for (const [code, n] of Object.entries(more.codes))
    into.codes[code] = (into.codes[code] ?? 0) + n;
}

type Apply = (record: CanonicalRecord) => ApplyResult;

/** The mapping of one record, with every link of the page pre-loaded (one query per linked entity). */
async function pageApplier(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
): Promise<Apply> {
  const schemas = ctx.schemasOf(entity);
  const resolveRef = await preloadRefs(ctx, entity, records);
  // Rules and users are read at each call: creating items changes them.
  return (record) =>
    applyEntityMapping(record, ctx.mapping.rules(entity), {
      target: schemas.target,
      source: schemas.source,
      users: ctx.mapping.current.users,
      timeZones: ctx.mapping.current.timeZones,
      resolveRef,
    });
}

/**
 * Creates the items `records` lack, in rounds; only what they lack is kept
 * between rounds, not their mapped values.
 */
async function createItemsFor(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
  apply: Apply,
): Promise<void> {
  let lacking = records;
  for (let round = 0; round < ITEM_ROUNDS; round += 1) {
    const missing: MissingItem[] = [];
    const stillLacking: CanonicalRecord[] = [];
    for (const record of lacking) {
      const { missingItems } = apply(record);
      if (missingItems.length === 0) continue;
      missing.push(...missingItems);
      stillLacking.push(record);
    }
    if (missing.length === 0) return;
    await createMissingItems(ctx, entity, missing);
    lacking = stillLacking;
  }
}

/** Ready or failed, by the problems each record has (items still missing are errors). */
function sortResults(
  results: readonly ApplyResult[],
  targetIds: ReadonlyMap<string, string>,
): MappedRecords {
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
