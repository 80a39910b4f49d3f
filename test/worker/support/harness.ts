/**
 * What every multi-process test needs: its own prefix, the test's memory stores,
 * a producer connection with the migrations queue and `requestControl`, spawned
 * workers, and a cleanup that kills them and deletes every key.
 */
import type { Redis } from "ioredis";
import { Queue } from "bullmq";
import { closeRedis, createRedisConnection } from "../../../runtime/index.js";
import { createMemoryStores, type Stores } from "../../../core/store/index.js";
import { createControl, type RequestControl } from "../../../worker/control.js";
import {
  NOTIFICATIONS_QUEUE,
  createMigrationQueue,
  notificationEventSchema,
  type MigrationQueueHandle,
  type NotificationEvent,
} from "../../../worker/jobs.js";
import { REDIS_URL, cleanupPrefix, testRedis, uniquePrefix } from "./redis.js";
import { spawnWorker, type WorkerChild } from "./spawn-worker.js";
import type { TestWorkerOptions } from "./worker-process.js";

export interface Harness {
  prefix: string;
  stores: Stores;
  redis: Redis;
  queue: MigrationQueueHandle;
  requestControl: RequestControl;
  spawn(name: string, options?: Partial<TestWorkerOptions>): Promise<WorkerChild>;
  /** Notification events waiting in the queue (no bot consumes them here), in queue order. */
  notifications(): Promise<NotificationEvent[]>;
  close(): Promise<void>;
}

export function createHarness(name: string): Harness {
  const prefix = uniquePrefix(name);
  const stores = createMemoryStores();
  const producer = createRedisConnection(REDIS_URL, "producer");
  const redis = testRedis();
  const queue = createMigrationQueue(producer, prefix);
  const { requestControl } = createControl({ stores, redis: producer, prefix, queue });
  const children: WorkerChild[] = [];
  const notifications = new Queue(NOTIFICATIONS_QUEUE, { connection: redis, prefix });
  return {
    prefix,
    stores,
    redis,
    queue,
    requestControl,
    async spawn(workerName, options = {}) {
      const child = await spawnWorker(stores, { name: workerName, prefix, ...options });
      children.push(child);
      return child;
    },
    async notifications() {
      const jobs = await notifications.getJobs(["waiting", "prioritized", "delayed"]);
      // Auto ids are increasing integers: their order is the order of `add`.
      jobs.sort((a, b) => Number(a.id) - Number(b.id));
      return jobs.map((j) => notificationEventSchema.parse(j.data));
    },
    async close() {
      for (const c of children) c.kill("SIGKILL");
      await Promise.all(children.map((c) => c.exited));
      await queue.close();
      await notifications.close();
      await closeRedis(producer);
      await redis.quit();
      await cleanupPrefix(prefix);
    },
  };
}
