/**
 * The worker process minus its environment: a BullMQ Worker on `migrations`, the
 * notifications producer, the control listener and their Redis connections. The
 * composition root (`main.ts`) and the multi-process tests both start it.
 *
 * Stalled jobs: a job whose worker dies keeps its lock for `lockDurationMs`; then any
 * other worker's stalled check (every `stalledIntervalMs`) puts it back in the queue
 * and it resumes from the engine's checkpoint. `maxStalledCount` is 3, not BullMQ's 1:
 * a rolling deploy or an OOM kill may hit the same long migration more than once,
 * and since a resumed run neither loses nor duplicates records, being picked up
 * again is always safe; only a job that kills its worker every time (3 times) fails.
 */
import { hostname } from "node:os";
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import type { QuotaStatus } from "../core/metering/index.js";
import {
  closeRedis,
  createMetrics,
  createRedisConnection,
  whenReady,
  withDeadline,
} from "../runtime/index.js";
import type { Deadline } from "../runtime/index.js";
import type { Stores } from "../core/store/index.js";
import { MIGRATIONS_QUEUE, createNotificationQueue, type MigrationJobResult } from "./jobs.js";
import { createWorkerMetrics, type WorkerMetrics } from "./metrics.js";
import { createNotificationEmitter, type NotificationEmitter } from "./notify.js";
import { createMigrationProcessor } from "./processors/migration-processor.js";
import type { MigrationRunner } from "./processors/runner.js";
import { createRunningJobs, type RunningJobs } from "./running-jobs.js";

export const STALLED_DEFAULTS = {
  lockDurationMs: 30_000,
  stalledIntervalMs: 30_000,
  maxStalledCount: 3,
} as const;

export interface WorkerRuntimeOptions {
  redisUrl: string;
  /** Key prefix of queues, channels and limiter keys (QUEUE_PREFIX). */
  prefix: string;
  concurrency: number;
  stores: Stores;
  runner: MigrationRunner;
  logger: Logger;
  metrics?: WorkerMetrics;
  quota?: (customerId: string) => Promise<QuotaStatus>;
  now?: () => number;
  lockDurationMs?: number;
  stalledIntervalMs?: number;
  maxStalledCount?: number;
  /** Fallback poll of the store's `control` field; default 1 s. */
  controlPollMs?: number;
  /** Minimum time between progress snapshots per migration; default 3 s. */
  progressIntervalMs?: number;
}

export interface WorkerRuntime {
  worker: Worker<unknown, MigrationJobResult, string>;
  running: RunningJobs;
  emitter: NotificationEmitter;
  metrics: WorkerMetrics;
  /** Redis answers (for `/readyz`). */
  pingRedis(): Promise<void>;
  /**
   * Stops taking jobs, stops the running ones (they checkpoint and go back to the
   * queue), waits for them until the deadline, then closes connections.
   * `forced`: some job did not stop in time (its lock will expire and another worker resumes it).
   */
  close(deadline: Deadline): Promise<{ forced: boolean }>;
}

export async function startWorkerRuntime(options: WorkerRuntimeOptions): Promise<WorkerRuntime> {
  const { logger, prefix } = options;
  const now = options.now ?? Date.now;
  const metrics = options.metrics ?? createWorkerMetrics(createMetrics());
  const connections: Redis[] = [];
  const connect = (role: "worker" | "subscriber" | "producer") => {
    const redis = createRedisConnection(options.redisUrl, role, { name: "pereezd-worker" });
    redis.on("error", (error) => logger.warn({ err: error, role }, "redis connection error"));
    connections.push(redis);
    return redis;
  };
  const producer = connect("producer");
  // Without an offline queue, commands sent before "ready" fail: wait once here.
  await whenReady(producer);
  const notifications = createNotificationQueue(producer, prefix);
  notifications.on("error", (error) => logger.warn({ err: error }, "notifications queue error"));
  const emitter = createNotificationEmitter({
    queue: notifications,
    logger,
    now,
    ...(options.progressIntervalMs ? { progressIntervalMs: options.progressIntervalMs } : {}),
  });
  const running = await createRunningJobs({
    stores: options.stores,
    subscriber: connect("subscriber"),
    prefix,
    logger,
    ...(options.controlPollMs ? { pollMs: options.controlPollMs } : {}),
  });

  const processor = createMigrationProcessor({
    stores: options.stores,
    runner: options.runner,
    emitter,
    running,
    metrics,
    logger,
    now,
    ...(options.quota ? { quota: options.quota } : {}),
  });
  const worker = new Worker<unknown, MigrationJobResult, string>(MIGRATIONS_QUEUE, processor, {
    connection: connect("worker"),
    prefix,
    concurrency: options.concurrency,
    // Recorded on each job as `processedBy`: which process ran it, for support and tests.
    name: `${hostname()}-${process.pid}`,
    lockDuration: options.lockDurationMs ?? STALLED_DEFAULTS.lockDurationMs,
    stalledInterval: options.stalledIntervalMs ?? STALLED_DEFAULTS.stalledIntervalMs,
    maxStalledCount: options.maxStalledCount ?? STALLED_DEFAULTS.maxStalledCount,
  });
  worker.on("error", (error) => logger.error({ err: error }, "worker error"));
  worker.on("completed", (job) => metrics.jobs.inc({ name: job.name, outcome: "completed" }));
  worker.on("failed", (job, error) => {
    if (job === undefined) return;
    const final =
      error.name === "UnrecoverableError" || job.attemptsMade >= (job.opts.attempts ?? 1);
    metrics.jobs.inc({ name: job.name, outcome: final ? "failed" : "retried" });
  });
  worker.on("stalled", (jobId) => logger.warn({ jobId }, "recovered a stalled job"));
  await worker.waitUntilReady();
  logger.info({ concurrency: options.concurrency, prefix }, "worker started");

  return {
    worker,
    running,
    emitter,
    metrics,
    pingRedis: async () => {
      await producer.ping();
    },
    async close(deadline) {
      const closing = worker.close();
      const stopped = running.stopAll("shutdown");
      logger.info({ stopped }, "stopping running jobs");
      const forced = await withDeadline(
        closing.then(() => false),
        deadline.remainingMs(),
        () => true,
      );
      if (forced) logger.warn("jobs did not stop before the deadline; their locks will expire");
      await withDeadline(emitter.close(), deadline.remainingMs(), () => undefined);
      await running.close();
      await withDeadline(notifications.close(), deadline.remainingMs(), () => undefined);
      await Promise.all(connections.map(closeRedis));
      return { forced };
    },
  };
}
