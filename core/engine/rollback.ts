/**
 * Rollback (DESIGN.md §1 step 6): removes from the target what the migration
 * (or one run of it, e.g. "pilot-1") created, newest dependants first —
 * entities in reverse dependency order, each newest id-map entry first — and
 * deletes each id-map entry as soon as its record is gone, so a rollback cut
 * short resumes where it stopped. A record already gone counts as removed.
 * A complete rollback of the whole migration also forgets its checkpoints,
 * record errors and run history, so it can start over.
 */
import type { EntityKind } from "../model/canonical.js";
import { rollbackOrder } from "../model/plan.js";
import type { IdMapEntry } from "../store/ports/index.js";
import type { RunContext } from "./context.js";
import { createRunContext } from "./context.js";
import { readEngineState, saveEngineState, type EngineState } from "./engine-state.js";
import { addCounts, zeroCounts } from "./progress.js";
import { buildReport, type FailureRow } from "./report.js";
import type { RunResult } from "./run.js";
import type { EngineInput, StopReason } from "./types.js";
import { freshInput } from "./fresh-input.js";
import { untilStopped } from "./until-stopped.js";

export interface RollbackOptions {
  /** Only records created by this run (e.g. "pilot-1"); default every record of the migration. */
  runId?: string;
}

const PAGE = 500;

/** Rolls back (or continues rolling back) the migration or one of its runs. */
export async function rollback(
  given: EngineInput,
  options: RollbackOptions = {},
): Promise<RunResult> {
  const input = await freshInput(given);
  const startedAt = input.now().toISOString();
  const ctx = createRunContext(input, "rollback", options.runId ?? "all");
  const failures: FailureRow[] = [];
  const outcome = await untilStopped(ctx, async () => {
    for (const entity of rollbackOrder(ctx.entities)) {
      const stop = await rollbackEntity(ctx, entity, options.runId, failures);
      if (stop) return stop;
    }
    return "completed";
  });
  if (outcome === "completed" && failures.length === 0) await forgetRun(ctx, options.runId);
  if (outcome === "completed") ctx.progress.setPhase("done");
  ctx.emit.progress(ctx.progress.snapshot());
  return { outcome, report: buildReport(ctx, outcome, startedAt, failures) };
}

async function rollbackEntity(
  ctx: RunContext,
  entity: EntityKind,
  runId: string | undefined,
  failures: FailureRow[],
): Promise<StopReason | null> {
  const { stores, target } = ctx.input;
  const targetEntity = ctx.mapping.targetEntity(entity);
  ctx.progress.setPhase("rollback", entity);
  ctx.emit.event({ type: "phase", phase: "rollback", entity });
  let counts = zeroCounts(
    runId === undefined ? await stores.idMap.count(ctx.migrationId, entity) : null,
  );
  ctx.progress.commit(entity, counts);
  const size = Math.max(1, target.costModel.writeRecordsPerRequest);
  let afterSeq: number | undefined;
  for (;;) {
    const page = await stores.idMap.list(ctx.migrationId, {
      entity,
      order: "desc",
      limit: PAGE,
      ...(afterSeq !== undefined ? { afterSeq } : {}),
    });
    const mine = runId === undefined ? page : page.filter((e) => e.runId === runId);
    for (let start = 0; start < mine.length; start += size) {
      const stop = await ctx.stopReason();
      if (stop) return stop;
      const chunk = mine.slice(start, start + size);
      const outcomes = await ctx.call("target", () =>
        target.remove(
          targetEntity,
          chunk.map((e) => e.targetId),
        ),
      );
      const delta = await recordRemovals(ctx, chunk, outcomes, failures);
      counts = addCounts(counts, delta);
      ctx.progress.commit(entity, counts);
      ctx.emit.progress(ctx.progress.snapshot());
    }
    const last = page.at(-1);
    if (!last || page.length < PAGE) return null;
    afterSeq = last.seq;
  }
}

async function recordRemovals(
  ctx: RunContext,
  chunk: readonly IdMapEntry[],
  outcomes: Awaited<ReturnType<EngineInput["target"]["remove"]>>,
  failures: FailureRow[],
): Promise<{ removed: number; failed: number }> {
  const byTarget = new Map(outcomes.map((o) => [o.targetId, o]));
  let removed = 0;
  let failed = 0;
  for (const entry of chunk) {
    const outcome = byTarget.get(entry.targetId);
    if (outcome?.ok || outcome?.error.kind === "not_found") {
      await ctx.input.stores.idMap.delete(ctx.migrationId, entry.entity, entry.sourceId);
      removed += 1;
      continue;
    }
    failed += 1;
    failures.push({
      entity: entry.entity,
      sourceId: entry.sourceId,
      kind: outcome?.error.kind ?? "transient",
      code: outcome?.error.code ?? "no_outcome",
      path: undefined,
      message: outcome?.error.message ?? "The target gave no answer for this record",
    });
  }
  return { removed, failed };
}

/** After a clean rollback: a whole migration starts over; a pilot is no longer the last one. */
async function forgetRun(ctx: RunContext, runId: string | undefined): Promise<void> {
  const { stores } = ctx.input;
  const current = await stores.migrations.getById(ctx.migrationId);
  const state = current ? readEngineState(current) : readEngineState(ctx.input.migration);
  let next: EngineState;
  if (runId === undefined) {
    await stores.checkpoints.deleteByMigration(ctx.migrationId);
    await stores.recordErrors.deleteByMigration(ctx.migrationId);
    next = { pilots: state.pilots, deltas: state.deltas };
  } else {
    const { pilot, lastPilotRunId, ...rest } = state;
    next = {
      ...rest,
      ...(pilot && pilot.runId !== runId ? { pilot } : {}),
      ...(lastPilotRunId !== undefined && lastPilotRunId !== runId ? { lastPilotRunId } : {}),
    };
  }
  await saveEngineState(stores, ctx.migrationId, next);
}
