/**
 * Which run a call to the engine continues or starts. A full or delta run that
 * was paused, cancelled half-way or crashed is resumed with its id, start time
 * and delta window; a new delta moves what changed since the start of the last
 * successful run (its start, not its end: records changed while it ran are
 * moved again rather than lost).
 */
import { configError } from "../errors.js";
import type { EngineState } from "./engine-state.js";

export type ActiveRun = NonNullable<EngineState["active"]>;

/** The run to do for `mode`, and whether it is a fresh start. */
export function runStamp(
  state: EngineState,
  mode: "full" | "delta",
  now: Date,
): { run: ActiveRun; fresh: boolean } {
  const { active, lastSuccess } = state;
  if (active && active.mode !== mode) {
    throw configError(`A ${active.mode} run of this migration is not finished yet`, {
      code: "run_in_progress",
      details: { active: active.mode, requested: mode },
    });
  }
  if (active) return { run: active, fresh: false };
  const startedAt = now.toISOString();
  if (mode === "full") return { run: { mode, runId: "full", startedAt }, fresh: true };
  if (!lastSuccess) {
    throw configError("A delta needs a completed full run first", { code: "no_previous_run" });
  }
  const runId = `delta-${state.deltas + 1}`;
  return { run: { mode, runId, startedAt, changedSince: lastSuccess.startedAt }, fresh: true };
}

/** The state after `run` completed. */
export function completedState(state: EngineState, run: ActiveRun, finishedAt: Date): EngineState {
  const { active: _active, ...rest } = state;
  return {
    ...rest,
    lastSuccess: { mode: run.mode, startedAt: run.startedAt, finishedAt: finishedAt.toISOString() },
    deltas: run.mode === "delta" ? state.deltas + 1 : state.deltas,
  };
}
