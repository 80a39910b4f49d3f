/**
 * The short steps: `discover`, `estimate`, `pilot` and `rollback`. They are not
 * pausable from the chat (they take seconds to a minute); a shutdown puts them back
 * in the queue like a run. Results go to the chat as `step_done` / `pilot_report`.
 */
import { isAbortError } from "../../core/http/sleep.js";
import type { MigrationStatus } from "../../core/store/index.js";
import type { MigrationJobResult, NotificationOf } from "../jobs.js";
import { reportFromStore } from "../report.js";
import { requeue } from "../to-bullmq-error.js";
import { result, type JobContext, type ProcessorDeps } from "./deps.js";
import type { RunnerResult } from "./runner.js";

type Step = "discover" | "estimate" | "pilot" | "rollback";

/** Status while the step runs (stall-safe: a resumed job finds it already set). */
const BEFORE: Partial<Record<Step, { from: readonly MigrationStatus[]; to: MigrationStatus }>> = {
  pilot: { from: ["discovered", "pilot_done", "pilot_running"], to: "pilot_running" },
};

/** Status after the step completed. */
const AFTER: Record<Step, { from: readonly MigrationStatus[]; to: MigrationStatus } | null> = {
  discover: { from: ["draft"], to: "discovered" },
  estimate: null,
  pilot: { from: ["pilot_running"], to: "pilot_done" },
  rollback: {
    from: ["pilot_done", "completed", "cancelled", "failed", "paused"],
    to: "discovered",
  },
};

export async function processStep(
  deps: ProcessorDeps,
  ctx: JobContext,
): Promise<MigrationJobResult> {
  const step = ctx.name as Step;
  const m = ctx.migration;
  const before = BEFORE[step];
  if (before !== undefined) {
    const started = await deps.stores.migrations.transition(m.id, before.from, before.to, {
      lastError: null,
    });
    if (started === null) return result(ctx, "skipped");
  }

  const handle = deps.running.start(m.id, ctx.signal, { controllable: false });
  let outcome: RunnerResult;
  try {
    outcome = await deps.runner(step, m, handle.signal, () => undefined, ctx.request);
  } catch (error) {
    if (!(handle.signal.aborted && isAbortError(error))) throw error;
    outcome = { outcome: "aborted" };
  } finally {
    handle.done();
  }

  if (outcome.outcome === "aborted") throw await requeue(ctx.job, ctx.token, deps.now);
  if (outcome.outcome === "quota_reached") {
    if (before !== undefined)
      await deps.stores.migrations.transition(m.id, [before.to], "discovered");
    await deps.emitter.emit(m, {
      type: "attention",
      kind: "quota_reached",
      reason: "The yearly API-call quota is used up",
    });
    return result(ctx, "quota_reached");
  }

  const after = AFTER[step];
  if (step === "pilot") {
    const report =
      outcome.report ??
      (await reportFromStore(deps.stores, m.id, { requests: 0, durationMs: null }));
    await deps.stores.migrations.transition(m.id, after!.from, after!.to, {
      report: { ...report, failuresCsv: null },
    });
    await deps.emitter.emit(m, { type: "pilot_report", report });
    return result(ctx, "completed");
  }
  if (after !== null) await deps.stores.migrations.transition(m.id, after.from, after.to);
  const event: Omit<NotificationOf<"step_done">, "migrationId" | "chat" | "at"> = {
    type: "step_done",
    step,
    ...(outcome.details === undefined ? {} : { details: outcome.details }),
  };
  await deps.emitter.emit(m, event);
  return result(ctx, "completed", outcome.details);
}
