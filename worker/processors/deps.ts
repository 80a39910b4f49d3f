/** What every processor needs; built once by the worker runtime. */
import type { Logger } from "../../core/logger.js";
import type { QuotaStatus } from "../../core/metering/index.js";
import type { Migration, MigrationStatus, Stores } from "../../core/store/index.js";
import type { Job } from "bullmq";
import type { MigrationJobData, MigrationJobName, MigrationJobResult } from "../jobs.js";
import type { WorkerMetrics } from "../metrics.js";
import type { NotificationEmitter } from "../notify.js";
import type { RunningJobs } from "../running-jobs.js";
import type { MigrationRunner } from "./runner.js";

export interface ProcessorDeps {
  stores: Pick<Stores, "migrations" | "checkpoints" | "recordErrors">;
  runner: MigrationRunner;
  emitter: NotificationEmitter;
  running: RunningJobs;
  metrics: WorkerMetrics;
  logger: Logger;
  now: () => number;
  /** The customer's quota, for the usage notification at the end of a run. */
  quota?: (customerId: string) => Promise<QuotaStatus>;
}

/** The part of a BullMQ job the processors use. */
export type JobRef = Pick<
  Job<unknown, MigrationJobResult, string>,
  "id" | "name" | "attemptsMade" | "opts" | "moveToDelayed"
>;

/** One job being processed: parsed request, its migration, BullMQ's lock token and signal. */
export interface JobContext {
  job: JobRef;
  token: string | undefined;
  signal: AbortSignal | undefined;
  name: MigrationJobName;
  request: MigrationJobData;
  migration: Migration;
}

/** Statuses in which a job of this migration is (or was) doing work. */
export const WORKING: readonly MigrationStatus[] = [
  "queued",
  "running",
  "pausing",
  "cancelling",
  "pilot_running",
];

export const result = (
  ctx: Pick<JobContext, "name" | "migration">,
  outcome: MigrationJobResult["outcome"],
  details?: unknown,
): MigrationJobResult => ({
  name: ctx.name,
  migrationId: ctx.migration.id,
  outcome,
  ...(details === undefined ? {} : { details }),
});
