/**
 * `run` and `delta`: the full move (or the changes since), pausable and cancellable
 * from the chat, resumable after any crash from the engine's checkpoints.
 *
 * How a stop ends depends on why the signal fired: shutdown puts the job back for
 * the next worker (status stays `running`); pause ends the job with the migration
 * `paused` (a resume enqueues a new job); cancel ends it `cancelled` with a report.
 * The store's `control` is read again after the stop, so a resume pressed while the
 * job was stopping carries on in the same job instead of being lost.
 */
import { isAbortError } from "../../core/http/sleep.js";
import type { Migration, MigrationStatus } from "../../core/store/index.js";
import type { MigrationJobResult, MigrationReport, ProgressSnapshot } from "../jobs.js";
import { reportFromStore } from "../report.js";
import { requeue } from "../to-bullmq-error.js";
import { result, type JobContext, type ProcessorDeps } from "./deps.js";
import type { RunnerResult } from "./runner.js";

type Stage = "run" | "delta";

const STARTABLE: Record<Stage, readonly MigrationStatus[]> = {
  run: ["queued", "running", "pausing", "paused", "discovered", "pilot_done"],
  delta: ["queued", "running", "pausing", "paused", "completed"],
};
const STOPPING: readonly MigrationStatus[] = ["running", "pausing", "cancelling"];
const CANCELLABLE: readonly MigrationStatus[] = [...STOPPING, "queued", "paused", "failed"];

const snapshotOf = (report: MigrationReport): ProgressSnapshot => ({
  entities: report.entities,
  requests: report.requests,
  ratePerSec: null,
  etaSeconds: null,
});

export async function processRun(
  deps: ProcessorDeps,
  ctx: JobContext,
): Promise<MigrationJobResult> {
  const stage = ctx.name as Stage;
  const m = ctx.migration;
  if (m.control === "cancel") return finishCancelled(deps, ctx, stage, undefined, null);
  if (m.control === "pause") {
    // Paused before this job started (or while it was away after a crash).
    const paused = await deps.stores.migrations.transition(
      m.id,
      ["queued", "running", "pausing"],
      "paused",
    );
    if (paused !== null) await deps.emitter.emit(m, { type: "status", status: "paused" });
    return result(ctx, "paused");
  }
  const started = await deps.stores.migrations.transition(m.id, STARTABLE[stage], "running", {
    countRun: m.status !== "running",
    lastError: null,
    ...(m.status === "running" ? {} : { startedAt: new Date(deps.now()), finishedAt: null }),
  });
  if (started === null) return result(ctx, "skipped");
  if (m.status !== "running") await deps.emitter.emit(m, { type: "status", status: "running" });
  const startedAt = deps.now();

  let current = started;
  // A holder, not a `let`: the runner's callback writes it (TS would narrow a `let` to null).
  const seen: { last: ProgressSnapshot | null } = { last: null };
  for (;;) {
    const handle = deps.running.start(m.id, ctx.signal, { controllable: true });
    let outcome: RunnerResult;
    try {
      outcome = await deps.runner(
        stage,
        current,
        handle.signal,
        (s) => {
          seen.last = s;
          deps.emitter.progress(m, stage, s);
        },
        ctx.request,
      );
    } catch (error) {
      if (!(handle.signal.aborted && isAbortError(error))) throw error;
      outcome = { outcome: "aborted" };
    } finally {
      handle.done();
    }
    const durationMs = deps.now() - startedAt;

    if (outcome.outcome === "completed") {
      const report =
        outcome.report ??
        (await reportFromStore(deps.stores, m.id, {
          requests: seen.last?.requests ?? 0,
          durationMs,
        }));
      await deps.stores.migrations.transition(m.id, STOPPING, "completed", {
        report: { ...report, failuresCsv: null },
        finishedAt: new Date(deps.now()),
      });
      await deps.emitter.finalProgress(m, stage, "completed", snapshotOf(report));
      await deps.emitter.emit(m, { type: "completed", stage, outcome: "completed", report });
      await emitUsage(deps, m, report.requests);
      return result(ctx, "completed");
    }
    if (outcome.outcome === "quota_reached") {
      const lastError = {
        kind: "rate_limited" as const,
        message: "The yearly API-call quota is used up",
        at: new Date(deps.now()),
      };
      await deps.stores.migrations.transition(m.id, STOPPING, "paused", { lastError });
      if (seen.last !== null) await deps.emitter.finalProgress(m, stage, "paused", seen.last);
      await deps.emitter.emit(m, {
        type: "attention",
        kind: "quota_reached",
        reason: lastError.message,
      });
      await emitUsage(deps, m, seen.last?.requests ?? 0);
      return result(ctx, "quota_reached");
    }

    const reason = handle.stopReason();
    if (reason !== "pause" && reason !== "cancel")
      throw await requeue(ctx.job, ctx.token, deps.now);
    const next = await settleStop(deps, m.id);
    if (next.action === "cancel")
      return finishCancelled(deps, ctx, stage, outcome.report, seen.last);
    if (next.action === "paused") {
      if (seen.last !== null) await deps.emitter.finalProgress(m, stage, "paused", seen.last);
      await deps.emitter.emit(m, { type: "status", status: "paused" });
      return result(ctx, "paused");
    }
    current = next.migration;
    await deps.emitter.emit(m, { type: "status", status: "running" });
  }
}

type Settled =
  { action: "cancel" } | { action: "paused" } | { action: "resume"; migration: Migration };

/** After a pause/cancel stop: what the store wants now (a resume may have come meanwhile). */
async function settleStop(deps: ProcessorDeps, id: string): Promise<Settled> {
  for (let attempt = 0; attempt < 5; attempt++) {
    const m = await deps.stores.migrations.getById(id);
    if (m === null || m.control === "cancel") return { action: "cancel" };
    if (m.control === "run") {
      const resumed = await deps.stores.migrations.transition(
        id,
        ["running", "pausing", "queued", "paused"],
        "running",
      );
      if (resumed !== null) return { action: "resume", migration: resumed };
    } else {
      const paused = await deps.stores.migrations.transition(
        id,
        ["running", "pausing", "queued"],
        "paused",
      );
      if (paused !== null || m.status === "paused") return { action: "paused" };
    }
  }
  return { action: "paused" };
}

async function finishCancelled(
  deps: ProcessorDeps,
  ctx: JobContext,
  stage: Stage,
  engineReport: MigrationReport | undefined,
  last: ProgressSnapshot | null,
): Promise<MigrationJobResult> {
  const m = ctx.migration;
  const report =
    engineReport ??
    (await reportFromStore(deps.stores, m.id, { requests: last?.requests ?? 0, durationMs: null }));
  const done = await deps.stores.migrations.transition(m.id, CANCELLABLE, "cancelled", {
    report: { ...report, failuresCsv: null },
    finishedAt: new Date(deps.now()),
  });
  if (done === null) return result(ctx, "skipped");
  await deps.emitter.finalProgress(m, stage, "cancelled", snapshotOf(report));
  await deps.emitter.emit(m, { type: "completed", stage, outcome: "cancelled", report });
  return result(ctx, "cancelled");
}

/** The customer's quota after a run; best effort (a failed read only skips the message). */
async function emitUsage(
  deps: ProcessorDeps,
  m: Migration,
  migrationRequests: number,
): Promise<void> {
  if (deps.quota === undefined) return;
  try {
    const q = await deps.quota(m.customerId);
    await deps.emitter.emit(m, {
      type: "usage",
      period: q.period,
      quota: q.quota,
      used: q.used,
      remaining: q.remaining,
      migrationRequests,
    });
  } catch (error) {
    deps.logger.warn({ err: error, migrationId: m.id }, "usage not reported");
  }
}
