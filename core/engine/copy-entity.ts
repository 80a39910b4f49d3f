/**
 * Copying one entity page by page from its checkpoint (DESIGN.md §3
 * "Checkpoint"). The checkpoint moves only at page boundaries, together with
 * the page's counts, so it is always consistent with the id map: a page cut
 * short by a pause or a crash is read again, and what it had written is then
 * found in the id map (or, for a crash, by origin stamp) instead of written
 * twice. Used by the full run (phase "copy") and the delta (phase "delta").
 */
import type { EntityKind } from "../model/canonical.js";
import type { Checkpoint, CheckpointInput } from "../store/ports/index.js";
import type { RunContext } from "./context.js";
import { processPage } from "./process-page.js";
import { countsOf } from "./progress.js";
import { sourcePages } from "./source-pages.js";
import type { StopReason } from "./types.js";

export interface CopyOptions {
  phase: "copy" | "delta";
  runId: string;
  /** Delta: only records changed at or after this time. */
  changedSince?: string;
  /** Delta: records already migrated are updated instead of skipped. */
  update: boolean;
}

const inputOf = ({ updatedAt: _updatedAt, ...rest }: Checkpoint): CheckpointInput => rest;

/** How many records the source has to copy (counted once per run). */
export async function sourceTotal(
  ctx: RunContext,
  entity: EntityKind,
  changedSince?: string,
): Promise<number> {
  const known = ctx.totals.get(entity);
  if (known !== undefined) return known;
  const { source, signal } = ctx.input;
  const total = await ctx.call("source", () =>
    source.count(entity, { signal, ...(changedSince !== undefined ? { changedSince } : {}) }),
  );
  ctx.totals.set(entity, total);
  return total;
}

/** Copies the rest of an entity; returns why it stopped early, or null once the entity is done. */
export async function copyEntity(
  ctx: RunContext,
  entity: EntityKind,
  options: CopyOptions,
): Promise<StopReason | null> {
  const { checkpoints, recordErrors } = ctx.input.stores;
  const { migrationId } = ctx;
  const { phase, changedSince } = options;
  ctx.progress.setPhase(phase, entity);
  ctx.emit.event({ type: "phase", phase, entity });

  let checkpoint = await checkpoints.get(migrationId, entity, phase);
  if (checkpoint?.done) {
    ctx.progress.commit(entity, countsOf(checkpoint));
    return null;
  }
  // A total means an earlier run started this entity, and its last page may have been in flight.
  let recover = checkpoint !== null && checkpoint.total !== null;
  if (checkpoint === null || checkpoint.total === null) {
    const total = await sourceTotal(ctx, entity, changedSince);
    const zero = { cursor: null, read: 0, written: 0, failed: 0, skipped: 0 };
    checkpoint = await checkpoints.save({
      migrationId,
      entity,
      phase,
      ...zero,
      total,
      done: false,
    });
  }
  ctx.progress.commit(entity, countsOf(checkpoint));
  ctx.emit.progress(ctx.progress.snapshot());
  const clearErrors = (await recordErrors.count(migrationId, entity)) > 0;

  const early = await ctx.stopReason();
  if (early) return early;
  const read = {
    cursor: checkpoint.cursor,
    signal: ctx.input.signal,
    ...(changedSince !== undefined ? { changedSince } : {}),
  };
  for await (const page of sourcePages(ctx, entity, read)) {
    const result = await processPage(ctx, entity, page.records, {
      runId: options.runId,
      recover,
      update: options.update,
      clearErrors,
      onChunk: (counts) => {
        ctx.progress.inFlight(entity, counts);
        ctx.emit.progress(ctx.progress.snapshot());
      },
    });
    const at: Checkpoint = checkpoint;
    if (result.stop) {
      // The cursor stays before this page: it is read again on resume, and what it wrote is skipped then.
      checkpoint = await checkpoints.save(inputOf(at));
      ctx.progress.commit(entity, countsOf(checkpoint));
      ctx.emit.progress(ctx.progress.snapshot());
      return result.stop;
    }
    recover = result.counts.recovered > 0;
    const { counts } = result;
    checkpoint = await checkpoints.save({
      ...inputOf(at),
      cursor: page.cursor ?? at.cursor,
      read: at.read + counts.read,
      written: at.written + counts.written,
      failed: at.failed + counts.failed,
      skipped: at.skipped + counts.skipped,
    });
    ctx.progress.commit(entity, countsOf(checkpoint));
    ctx.progress.addWarnings(entity, counts.warnings);
    ctx.emit.progress(ctx.progress.snapshot());
    const stop = await ctx.stopReason();
    if (stop) return stop;
  }
  checkpoint = await checkpoints.save({ ...inputOf(checkpoint), done: true });
  ctx.progress.commit(entity, countsOf(checkpoint));
  return null;
}
