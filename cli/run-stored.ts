/**
 * Runs the engine on a stored migration from the terminal — pilot, full run
 * (or its resumption), delta, rollback — as a worker job would: connections
 * opened from the store, requests metered against the customer's plan, the
 * status kept in step. Ctrl-C stops cleanly after the chunk in flight (the run
 * resumes from its checkpoint); a second Ctrl-C quits at once, which is safe too.
 */
import { writeFile } from "node:fs/promises";
import {
  rollback,
  runMigration,
  runPilot,
  type EngineInput,
  type RunResult,
} from "../core/engine/index.js";
import { isPereezdError, notFound } from "../core/errors.js";
import { redactText } from "../core/http/index.js";
import type { RequestMeter } from "../core/metering/index.js";
import {
  migrationStatusSchema,
  type Migration,
  type MigrationStatus,
} from "../core/store/index.js";
import { EXIT } from "./messages.js";
import { progressPrinter, reportLines, type Out } from "./output.js";
import type { CliRuntime } from "./runtime.js";

export type RunKind = "pilot" | "full" | "delta" | "rollback";

export interface StoredRunOptions {
  kind: RunKind;
  pilotSize?: number;
  /** Rollback of one run only, e.g. "pilot-1". */
  runId?: string;
  failuresCsv?: string;
  json: boolean;
}

const ANY = migrationStatusSchema.options;
const RUNNING: Record<RunKind, MigrationStatus> = {
  pilot: "pilot_running",
  full: "running",
  delta: "running",
  rollback: "cancelling",
};

async function setStatus(rt: CliRuntime, id: string, to: MigrationStatus, patch = {}) {
  await rt.stores.migrations.transition(id, ANY, to, patch);
}

/** The stored migration, or a `not_found` that says where the CLI looked. */
export async function loadMigration(rt: CliRuntime, id: string): Promise<Migration> {
  const migration = await rt.stores.migrations.getById(id);
  if (migration !== null) return migration;
  const hint =
    rt.state === "memory"
      ? " (the memory state keeps nothing between commands: use --state mongo with MONGO_URL)"
      : "";
  throw notFound(`Migration ${id} is not in the ${rt.state} state${hint}`, {
    code: "migration_missing",
  });
}

/** Stops the run on the first Ctrl-C (after the chunk in flight), exits at once on the second. */
function interrupts(out: Out): { signal: AbortSignal; dispose(): void } {
  const controller = new AbortController();
  const onSignal = () => {
    if (controller.signal.aborted) process.exit(EXIT.stopped);
    out.info(
      "Stopping after the chunk in flight (Ctrl-C again quits at once; both are safe to resume)",
    );
    controller.abort();
  };
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  return {
    signal: controller.signal,
    dispose: () => {
      process.off("SIGINT", onSignal);
      process.off("SIGTERM", onSignal);
    },
  };
}

function execute(input: EngineInput, options: StoredRunOptions): Promise<RunResult> {
  switch (options.kind) {
    case "pilot":
      return runPilot(input, { size: options.pilotSize ?? 5 });
    case "rollback":
      return rollback(input, options.runId === undefined ? {} : { runId: options.runId });
    case "delta":
      return runMigration(input, { mode: "delta" });
    case "full":
      return runMigration(input, { mode: "full" });
  }
}

function finalStatus(kind: RunKind, result: RunResult, runId?: string): MigrationStatus {
  if (result.outcome !== "completed") return "paused";
  if (kind === "pilot") return "pilot_done";
  if (kind === "rollback") return runId === undefined ? "cancelled" : "discovered";
  return "completed";
}

/** Runs `options.kind` on migration `id`; returns the exit code. */
export async function runStored(
  rt: CliRuntime,
  out: Out,
  id: string,
  options: StoredRunOptions,
): Promise<number> {
  const migration = await loadMigration(rt, id);
  const counts = { source: 0, target: 0 };
  const base = rt.meter.forMigration({ customerId: migration.customerId, migrationId: id });
  const meter = (side: keyof typeof counts): RequestMeter => ({
    record(usage) {
      counts[side] += 1;
      base.record(usage);
    },
  });
  const source = await rt.open(migration.sourceConnectionId, meter("source"));
  const target = await rt.open(migration.targetConnectionId, meter("target"));
  await setStatus(rt, id, RUNNING[options.kind], { countRun: true, lastError: null });
  const stop = interrupts(out);
  let result: RunResult;
  try {
    result = await execute(
      {
        migration,
        source,
        target,
        stores: rt.stores,
        signal: stop.signal,
        now: () => new Date(),
        logger: rt.logger,
        onProgress: progressPrinter(out),
        requestStats: () => ({ ...counts }),
        quota: { remaining: () => rt.meter.remaining(migration.customerId) },
      },
      options,
    );
  } catch (error) {
    const kind = isPereezdError(error) ? error.kind : "transient";
    const message = redactText(error instanceof Error ? error.message : String(error)).slice(
      0,
      2000,
    );
    await setStatus(rt, id, "failed", { lastError: { kind, message, at: new Date() } });
    if (rt.state !== "memory")
      out.info(`Migration ${id} is kept; once the cause is fixed: resume --migration ${id}`);
    throw error;
  } finally {
    stop.dispose();
    await rt.meter
      .flush()
      .catch((error: unknown) => rt.logger.warn({ err: error }, "usage not flushed"));
  }
  const { report } = result;
  await setStatus(rt, id, finalStatus(options.kind, result, options.runId), {
    report: { ...report, failuresCsv: null },
    finishedAt: new Date(),
  });
  if (options.failuresCsv !== undefined && report.failures > 0) {
    await writeFile(options.failuresCsv, report.failuresCsv, "utf8");
  }
  if (options.json) out.json({ migrationId: id, outcome: result.outcome, report });
  else for (const line of reportLines(report)) out.info(line);
  if (result.outcome === "quota_reached") {
    out.info("Stopped at the plan's yearly API-call quota; resume when the quota allows");
  } else if (result.outcome === "aborted") {
    const again =
      options.kind === "full" || options.kind === "pilot"
        ? `resume --migration ${id}`
        : "the same command";
    out.info(
      rt.state === "memory"
        ? "Stopped; the memory state ends with this command (use --state mongo to continue later)"
        : `Stopped; continue with ${again}`,
    );
  }
  if (result.outcome !== "completed") return EXIT.stopped;
  return report.failures > 0 ? EXIT.recordsFailed : EXIT.ok;
}
