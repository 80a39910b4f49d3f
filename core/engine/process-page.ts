/**
 * One page of source records into the target, exactly once. Records already
 * in the id map are skipped (or, in a delta, updated); when the page may have
 * been in flight as an earlier run died, the target is first asked by origin
 * stamp which records it already has, and those are recorded instead of
 * written again. Then the page is mapped a slice at a time and written in
 * chunks of the target's batch size (every chunk full but the page's last);
 * after each chunk its outcomes go into the id map (and failures, the
 * mapping's too, into record errors) before anything else happens, so a stop
 * between chunks leaves nothing half-recorded.
 */
import type { WriteOutcome } from "../connectors/connector.js";
import type { CanonicalRecord, EntityKind, TargetRecord } from "../model/canonical.js";
import type { IdMapEntryInput } from "../store/ports/index.js";
import type { RunContext } from "./context.js";
import { addWarnings, mapInSlices, type MappedRecords } from "./map-records.js";
import {
  clearErrors,
  mappingFailure,
  putEntries,
  recordOutcomes,
  type Failure,
} from "./record-outcomes.js";
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

/**
 * Writes `records`, draining the array as it goes (the caller passes a page
 * it no longer needs, or a copy): a page's records are freed as they are
 * written instead of all living until its last chunk.
 */
export async function processPage(
  ctx: RunContext,
  entity: EntityKind,
  records: CanonicalRecord[],
  options: PageOptions,
): Promise<PageResult> {
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
  const page: PageState = { counts, entry, options };

  const ids = records.map((r) => r.id);
  const mapped = await ctx.input.stores.idMap.getMany(ctx.migrationId, entity, ids);
  let pending = ids.filter((id) => !mapped.has(id));
  if (!options.update) counts.skipped = ids.length - pending.length;
  if (options.recover && pending.length > 0) pending = await recover(ctx, entity, pending, page);

  const toWrite = new Set(pending);
  keepOnly(records, (r) => toWrite.has(r.id) || (options.update && mapped.has(r.id)));
  const stop = await mapAndWrite(ctx, entity, records, options.update ? mapped : new Map(), page);
  return { counts, stop };
}

/**
 * Records what the target already has of `pending` (by origin stamp) and
 * returns the ids it lacks.
 */
async function recover(
  ctx: RunContext,
  entity: EntityKind,
  pending: readonly string[],
  { counts, entry, options }: PageState,
): Promise<string[]> {
  const targetEntity = ctx.mapping.targetEntity(entity);
  const found = await ctx.call("target", () =>
    ctx.input.target.findByOrigin(targetEntity, pending, ctx.origin, ctx.input.signal),
  );
  if (found.size === 0) return [...pending];
  await putEntries(
    ctx,
    [...found].map(([sourceId, targetId]) => entry(sourceId, targetId)),
  );
  if (options.clearErrors) await clearErrors(ctx, entity, [...found.keys()]);
  counts.written += found.size;
  counts.recovered = found.size;
  ctx.emit.event({ type: "records_recovered", entity, count: found.size });
  return pending.filter((id) => !found.has(id));
}

/** Keeps the items `keep` accepts, in place. */
function keepOnly<T>(list: T[], keep: (item: T) => boolean): void {
  let kept = 0;
  for (const item of list) if (keep(item)) list[kept++] = item;
  list.length = kept;
}

interface PageState {
  counts: PageCounts;
  entry: (sourceId: string, targetId: string) => IdMapEntryInput;
  options: PageOptions;
}

/**
 * Maps `records` a slice at a time and writes them in full chunks, so only
 * about one chunk of target records is alive at once; returns why it stopped
 * early, or null once every record is written or recorded as failed.
 */
async function mapAndWrite(
  ctx: RunContext,
  entity: EntityKind,
  records: CanonicalRecord[],
  targetIds: ReadonlyMap<string, string>,
  page: PageState,
): Promise<StopReason | null> {
  const size = Math.max(1, ctx.input.target.costModel.writeRecordsPerRequest);
  const warnings: MappedRecords["warnings"] = { records: 0, codes: {} };
  const ready: TargetRecord[] = [];
  const failures: Failure[] = [];
  let stop: StopReason | null = null;
  for await (const slice of mapInSlices(ctx, entity, records, targetIds, size)) {
    ready.push(...slice.ready);
    failures.push(...slice.failed.map(mappingFailure));
    addWarnings(warnings, slice.warnings);
    while (stop === null && ready.length >= size)
      stop = await writeChunk(ctx, entity, ready.splice(0, size), failures.splice(0), page);
    if (stop) break;
  }
  if (stop === null && ready.length + failures.length > 0)
    stop = await writeChunk(ctx, entity, ready.splice(0), failures.splice(0), page);
  reportWarnings(ctx, entity, warnings, page.counts);
  return stop;
}

/** One write request for `chunk`, then its outcomes and `mappingFailures` recorded; a stop comes before the request. */
async function writeChunk(
  ctx: RunContext,
  entity: EntityKind,
  chunk: readonly TargetRecord[],
  mappingFailures: readonly Failure[],
  { counts, entry, options }: PageState,
): Promise<StopReason | null> {
  let outcomes: readonly WriteOutcome[] = [];
  if (chunk.length > 0) {
    const stop = await ctx.stopReason();
    if (stop) return stop;
    const targetEntity = ctx.mapping.targetEntity(entity);
    // No signal here: a chunk in flight completes and is recorded; the stop comes before the next one.
    outcomes = await ctx.call("target", () =>
      ctx.input.target.write(targetEntity, chunk, ctx.origin),
    );
  }
  const { written, failures } = await recordOutcomes(
    ctx,
    entity,
    chunk,
    outcomes,
    mappingFailures,
    entry,
    options.clearErrors,
  );
  counts.written += written;
  counts.failed += failures;
  options.onChunk?.({ ...counts });
  return null;
}

/** Records written without some value: counted for the page and told once. */
function reportWarnings(
  ctx: RunContext,
  entity: EntityKind,
  warnings: MappedRecords["warnings"],
  counts: PageCounts,
): void {
  counts.warnings = warnings.records;
  if (warnings.records === 0) return;
  ctx.emit.event({ type: "warnings", entity, count: warnings.records, codes: warnings.codes });
}
