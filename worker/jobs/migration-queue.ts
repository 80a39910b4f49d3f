/**
 * The producer side of the `migrations` queue, used by the bot (and by `requestControl`
 * to resume). One job per (migration, step) at a time: a second press of the same
 * button while the job waits or runs adds nothing.
 */
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import {
  MIGRATIONS_QUEUE,
  migrationJobDataSchemas,
  migrationJobId,
  type MigrationJobData,
  type MigrationJobInputOf,
  type MigrationJobName,
  type MigrationJobResult,
} from "./migration-jobs.js";

/**
 * Retries belong to BullMQ for long waits (STYLE.md "one owner per kind of wait"):
 * 8 attempts with exponential backoff from 5 s span about 10 minutes of outage
 * (5+10+…+320 s). Finished jobs are kept a while for inspection; `enqueue` removes a
 * finished one before adding the same id again, or the id would swallow the new job.
 */
export const MIGRATION_JOB_OPTIONS = {
  attempts: 8,
  backoff: { type: "exponential", delay: 5_000 },
  removeOnComplete: { age: 24 * 3600, count: 1_000 },
  removeOnFail: { age: 7 * 24 * 3600, count: 5_000 },
} as const satisfies JobsOptions;

export type MigrationQueue = Queue<MigrationJobData, MigrationJobResult, MigrationJobName>;

/** What `enqueue` did: `enqueued: false` means the same step was already waiting or running. */
export interface EnqueueResult {
  jobId: string;
  enqueued: boolean;
  /** The BullMQ state of the job that was already there. */
  existingState?: string;
}

export interface MigrationQueueHandle {
  queue: MigrationQueue;
  /** Adds step `name` of a migration unless it is already waiting, delayed or running. */
  enqueue<N extends MigrationJobName>(
    name: N,
    data: Omit<MigrationJobInputOf<N>, "requestedAt"> & { requestedAt?: string },
    options?: Pick<JobsOptions, "attempts" | "delay">,
  ): Promise<EnqueueResult>;
  close(): Promise<void>;
}

/**
 * The `migrations` queue on `connection` (a producer connection: fail fast, see
 * runtime/redis.ts) with keys under `prefix` (QUEUE_PREFIX). Connection errors
 * go to `onError` (an unheard `error` event would crash the process); `enqueue`
 * rejects on its own when Redis is away.
 */
export function createMigrationQueue(
  connection: Redis,
  prefix: string,
  onError: (error: Error) => void = () => undefined,
): MigrationQueueHandle {
  const queue: MigrationQueue = new Queue(MIGRATIONS_QUEUE, { connection, prefix });
  queue.on("error", onError);
  return {
    queue,
    async enqueue(name, input, options = {}) {
      const data: MigrationJobData = migrationJobDataSchemas[name].parse({
        requestedAt: new Date().toISOString(),
        ...input,
      });
      const jobId = migrationJobId(name, data.migrationId);
      const existing = await queue.getJob(jobId);
      if (existing !== undefined) {
        const state = await existing.getState();
        if (state !== "completed" && state !== "failed" && state !== "unknown") {
          return { jobId, enqueued: false, existingState: state };
        }
        // A finished job still holds the id: drop it so the new request is not swallowed.
        await existing.remove().catch(() => undefined);
      }
      await queue.add(name, data, { ...MIGRATION_JOB_OPTIONS, ...options, jobId });
      return { jobId, enqueued: true };
    },
    close: () => queue.close(),
  };
}
