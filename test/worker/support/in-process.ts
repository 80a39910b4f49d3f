/**
 * An in-process worker runtime against real Redis with the test's memory stores
 * and the fake runner: for processor tests that need BullMQ's real behaviour
 * (attempts, delays) but not separate processes.
 */
import { Queue, QueueEvents } from "bullmq";
import { silentLogger } from "../../../core/logger.js";
import { closeRedis, createRedisConnection, startDeadline } from "../../../runtime/index.js";
import { createMemoryStores, type Stores } from "../../../core/store/index.js";
import {
  MIGRATIONS_QUEUE,
  NOTIFICATIONS_QUEUE,
  notificationEventSchema,
  type NotificationEvent,
} from "../../../worker/jobs.js";
import {
  startWorkerRuntime,
  type WorkerRuntime,
  type WorkerRuntimeOptions,
} from "../../../worker/runtime.js";
import { createFakeRunner } from "./fake-runner.js";
import { REDIS_URL, cleanupPrefix, testRedis, uniquePrefix } from "./redis.js";

export interface InProcess {
  prefix: string;
  stores: Stores;
  runtime: WorkerRuntime;
  queue: Queue;
  events: QueueEvents;
  notifications(): Promise<NotificationEvent[]>;
  close(): Promise<void>;
}

export async function startInProcess(
  name: string,
  options: Partial<WorkerRuntimeOptions> = {},
): Promise<InProcess> {
  const prefix = uniquePrefix(name);
  const stores = createMemoryStores();
  const redis = createRedisConnection(REDIS_URL, "worker");
  const plain = testRedis();
  const runtime = await startWorkerRuntime({
    redisUrl: REDIS_URL,
    prefix,
    concurrency: 2,
    stores,
    runner: createFakeRunner({ redis, stores, prefix }),
    logger: silentLogger(),
    progressIntervalMs: 50,
    ...options,
  });
  const queue = new Queue(MIGRATIONS_QUEUE, { connection: plain, prefix });
  const events = new QueueEvents(MIGRATIONS_QUEUE, { connection: { url: REDIS_URL }, prefix });
  await events.waitUntilReady();
  const notifications = new Queue(NOTIFICATIONS_QUEUE, { connection: plain, prefix });
  return {
    prefix,
    stores,
    runtime,
    queue,
    events,
    async notifications() {
      const jobs = await notifications.getJobs(["waiting"]);
      jobs.sort((a, b) => Number(a.id) - Number(b.id));
      return jobs.map((j) => notificationEventSchema.parse(j.data));
    },
    async close() {
      await runtime.close(startDeadline(5_000));
      await events.close();
      await queue.close();
      await notifications.close();
      await closeRedis(redis);
      await plain.quit();
      await cleanupPrefix(prefix);
    },
  };
}
