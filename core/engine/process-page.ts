/**
 * One page of source records into the target, exactly once. Records already
 * in the id map are skipped (or, in a delta, updated); when the page may have
 * been in flight as an earlier run died, the target is first asked by origin
 * stamp which records it already has, and those are recorded instead of
 * written again. Then the page is mapped and written in chunks of the
 * target's batch size; after each chunk its outcomes go into the id map (and
 * failures into record errors) before anything else happens, so a stop
 * between chunks leaves nothing half-recorded.
 */
import type { WriteOutcome } from "../connectors/connector.js";
import type { ErrorKind } from "../errors.js";
import { redactText } from "../http/redact.js";
import type { CanonicalRecord, EntityKind, TargetRecord } from "../model/canonical.js";
import type { IdMapEntryInput } from "../store/ports/index.js";
import type { RunContext } from "./context.js";
import { describeProblems, mapRecords } from "./map-records.js";
import type { StopReason } from "./types.js";

export interface PageOptions {
  /** Stored with every id-map entry created, e.g. "full" or "pilot-1". */
  runId: string;
  /** Ask the target by origin for unmapped records before writing them. */
  recover: boolean;
  /** Records in the id map are updated (delta) instead of skipped. */
  update: boolean;
  /** Forget a record's stored error once it goes through. */
  clearErrors: boolean;
  /** After every chunk, with the page's counts so far. */
  onChunk?: (counts: PageCounts) => void;
}

export interface PageCounts {
  read: number;
  written: number;
  failed: number;
  skipped: number;
  /** Found in the target by origin stamp (included in `written`). */
  recovered: number;
  /** Written records that lost a value. */
  warnings: number;
}

export interface PageResult {
  counts: PageCounts;
  /** Set when the run must stop; the page is then only partly done (and fully recorded). */
  stop: StopReason | null;
}

interface Failure {
  sourceId: string;
  kind: ErrorKind;
  code: string | undefined;
  message: string;
  path: string | undefined;
}

export async function processPage(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
  options: PageOptions,
): Promise<PageResult> {
  const { stores, target } = ctx.input;
  const targetEntity = ctx.mapping.targetEntity(entity);
  const counts: PageCounts = {
    read: records.length,
    written: 0,
    failed: 0,
    skipped: 0,
    recovered: 0,
    warnings: 0,
  };
  const entry = (sourceId: string, targetId: string): IdMapEntryInput => ({
    migrationId: ctx.migrationId,
    entity,
    sourceId,
    targetId,
    runId: options.runId,
  });

  const mapped = await stores.idMap.getMany(
    ctx.migrationId,
    entity,
    records.map((r) => r.id),
  );
  let pending = records.filter((r) => !mapped.has(r.id));
  if (!options.update) counts.skipped = records.length - pending.length;

  if (options.recover && pending.length > 0) {
    const ids = pending.map((r) => r.id);
    const found = await ctx.call("target", () =>
      target.findByOrigin(targetEntity, ids, ctx.origin, ctx.input.signal),
    );
    if (found.size > 0) {
      await putEntries(
        ctx,
        [...found].map(([sourceId, targetId]) => entry(sourceId, targetId)),
      );
      if (options.clearErrors) await clearErrors(ctx, entity, [...found.keys()]);
      counts.written += found.size;
      counts.recovered = found.size;
      pending = pending.filter((r) => !found.has(r.id));
      ctx.emit.event({ type: "records_recovered", entity, count: found.size });
    }
  }

  const stillPending = new Set(pending.map((r) => r.id));
  const toMap = records.filter(
    (r) => stillPending.has(r.id) || (options.update && mapped.has(r.id)),
  );
  const result = await mapRecords(ctx, entity, toMap, options.update ? mapped : new Map());
  const mappingFailures = result.failed.map(({ sourceId, problems }): Failure => ({
    sourceId,
    kind: "invalid_input",
    code: problems.find((p) => p.severity === "error")?.code,
    message: describeProblems(problems),
    path: problems.find((p) => p.severity === "error")?.path,
  }));
  await recordFailures(ctx, entity, mappingFailures);
  counts.failed += mappingFailures.length;
  counts.warnings = result.warnings.records;
  if (result.warnings.records > 0) {
    ctx.emit.event({
      type: "warnings",
      entity,
      count: result.warnings.records,
      codes: result.warnings.codes,
    });
  }

  const size = Math.max(1, target.costModel.writeRecordsPerRequest);
  for (let start = 0; start < result.ready.length; start += size) {
    const stop = await ctx.stopReason();
    if (stop) return { counts, stop };
    const chunk = result.ready.slice(start, start + size);
    // No signal here: a chunk in flight completes and is recorded; the stop comes before the next one.
    const outcomes = await ctx.call("target", () => target.write(targetEntity, chunk, ctx.origin));
    const { written, failures } = await recordOutcomes(
      ctx,
      entity,
      chunk,
      outcomes,
      entry,
      options.clearErrors,
    );
    counts.written += written;
    counts.failed += failures;
    options.onChunk?.({ ...counts });
  }
  return { counts, stop: null };
}

async function recordOutcomes(
  ctx: RunContext,
  entity: EntityKind,
  chunk: readonly TargetRecord[],
  outcomes: readonly WriteOutcome[],
  entry: (sourceId: string, targetId: string) => IdMapEntryInput,
  clear: boolean,
): Promise<{ written: number; failures: number }> {
  const bySource = new Map(outcomes.map((o) => [o.sourceId, o]));
  const created: IdMapEntryInput[] = [];
  const succeeded: string[] = [];
  const failures: Failure[] = [];
  for (const record of chunk) {
    const outcome = bySource.get(record.sourceId);
    if (!outcome) {
      failures.push({
        sourceId: record.sourceId,
        kind: "transient",
        code: "no_outcome",
        message: "The target gave no answer for this record",
        path: undefined,
      });
    } else if (outcome.ok) {
      succeeded.push(record.sourceId);
      if (outcome.created) created.push(entry(record.sourceId, outcome.targetId));
    } else {
      const { kind, code, message, path } = outcome.error;
      failures.push({ sourceId: record.sourceId, kind, code, message, path });
    }
  }
  await putEntries(ctx, created);
  await recordFailures(ctx, entity, failures);
  if (clear) await clearErrors(ctx, entity, succeeded);
  return { written: succeeded.length, failures: failures.length };
}

async function putEntries(ctx: RunContext, entries: readonly IdMapEntryInput[]): Promise<void> {
  if (entries.length === 0) return;
  const result = await ctx.input.stores.idMap.putMany(entries);
  for (const c of result.conflicts) {
    ctx.input.logger?.warn(
      {
        migrationId: c.migrationId,
        entity: c.entity,
        sourceId: c.sourceId,
        targetId: c.targetId,
        existingTargetId: c.existingTargetId,
      },
      "id map already maps this record to another target record",
    );
  }
}

async function recordFailures(
  ctx: RunContext,
  entity: EntityKind,
  failures: readonly Failure[],
): Promise<void> {
  if (failures.length === 0) return;
  for (const f of failures) {
    await ctx.input.stores.recordErrors.record({
      migrationId: ctx.migrationId,
      entity,
      sourceId: f.sourceId,
      kind: f.kind,
      message: redactText(f.message).slice(0, 2000),
      ...(f.code !== undefined ? { code: f.code } : {}),
      ...(f.path !== undefined ? { path: f.path } : {}),
    });
  }
  ctx.emit.event({
    type: "records_failed",
    entity,
    count: failures.length,
    examples: failures
      .slice(0, 3)
      .map(({ sourceId, code, message }) => ({ sourceId, code, message: redactText(message) })),
  });
}

async function clearErrors(
  ctx: RunContext,
  entity: EntityKind,
  sourceIds: readonly string[],
): Promise<void> {
  for (const sourceId of sourceIds)
    await ctx.input.stores.recordErrors.clear(ctx.migrationId, entity, sourceId);
}
