/**
 * The full run and the delta (DESIGN.md §1 step 7): setup, then every entity
 * in dependency order from its checkpoint. Returns how the run ended
 * ("completed", "aborted" on the signal, "quota_reached" at the plan's quota)
 * with its report; throws `PereezdError`s with the side attached for the
 * caller to act on (auth: stop and tell the user; rate_limited / transient:
 * schedule a retry, which resumes exactly where this run stopped).
 */
import type { RunContext } from "./context.js";
import { createRunContext } from "./context.js";
import { copyEntity } from "./copy-entity.js";
import { DELTA_PHASE, resetDeltaCheckpoints } from "./delta.js";
import { readEngineState, saveEngineState } from "./engine-state.js";
import { buildReport, storedFailures, type RunReport } from "./report.js";
import { completedState, runStamp, type ActiveRun } from "./run-stamp.js";
import { runSetup } from "./setup.js";
import type { EngineInput, RunOutcome } from "./types.js";
import { freshInput } from "./fresh-input.js";
import { untilStopped } from "./until-stopped.js";

export interface RunResult {
  outcome: RunOutcome;
  report: RunReport;
}

export interface RunOptions {
  /** "full" (default) copies everything not yet copied; "delta" what changed since the last successful run. */
  mode?: "full" | "delta";
}

/** Runs (or resumes) the full copy or a delta of `input.migration`. */
export async function runMigration(
  given: EngineInput,
  options: RunOptions = {},
): Promise<RunResult> {
  const input = await freshInput(given);
  const mode = options.mode ?? "full";
  const state = readEngineState(input.migration);
  const { run, fresh } = runStamp(state, mode, input.now());
  const ctx = createRunContext(input, mode, run.runId);
  // A full run that already completed has nothing to do and must not move the delta window.
  const alreadyDone = mode === "full" && fresh && state.lastSuccess !== undefined;
  // Checkpoints first: a crash before the state is saved just starts the same fresh delta again.
  if (fresh && mode === "delta") await resetDeltaCheckpoints(ctx);
  if (!alreadyDone) await saveEngineState(input.stores, ctx.migrationId, { ...state, active: run });
  input.logger?.info(
    { migrationId: ctx.migrationId, runId: run.runId, mode, resumed: !fresh },
    "engine run starts",
  );

  const outcome = await untilStopped(ctx, () => copyAll(ctx, run));
  if (outcome === "completed") {
    ctx.progress.setPhase("done");
    if (!alreadyDone)
      await saveEngineState(input.stores, ctx.migrationId, completedState(state, run, input.now()));
  }
  ctx.emit.progress(ctx.progress.snapshot());
  input.logger?.info(
    { migrationId: ctx.migrationId, runId: run.runId, outcome },
    "engine run ends",
  );
  const failures = await storedFailures(input.stores, ctx.migrationId);
  return { outcome, report: buildReport(ctx, outcome, run.startedAt, failures) };
}

async function copyAll(ctx: RunContext, run: ActiveRun): Promise<RunOutcome> {
  const early = await ctx.stopReason();
  if (early) return early;
  await runSetup(ctx);
  const delta = run.mode === "delta";
  for (const entity of ctx.entities) {
    const stop = await copyEntity(ctx, entity, {
      phase: delta ? DELTA_PHASE : "copy",
      runId: run.runId,
      update: delta,
      ...(run.changedSince !== undefined ? { changedSince: run.changedSince } : {}),
    });
    if (stop) return stop;
  }
  return "completed";
}
