/**
 * A worker process dies (SIGKILL) in the middle of a migration: another worker
 * process picks the stalled job up and finishes it from the checkpoint, with
 * exactly one target record per source record.
 */
import type { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createMemoryStores } from "../../core/store/index.js";
import { closeRedis, createRedisConnection } from "../../runtime/index.js";
import { createMigrationQueue, type MigrationQueueHandle } from "../../worker/jobs.js";
import { ENTITY, targetKey } from "./support/fake-runner.js";
import { createTestMigration } from "./support/fixtures.js";
import { REDIS_URL, cleanupPrefix, testRedis, uniquePrefix, waitFor } from "./support/redis.js";
import { spawnWorker, type WorkerChild } from "./support/spawn-worker.js";

describe("a worker killed mid-migration", () => {
  const prefix = uniquePrefix("crash");
  const stores = createMemoryStores();
  const children: WorkerChild[] = [];
  let producer: Redis;
  let redis: Redis;
  let queue: MigrationQueueHandle;

  beforeAll(() => {
    producer = createRedisConnection(REDIS_URL, "producer");
    redis = testRedis();
    queue = createMigrationQueue(producer, prefix);
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await queue.close();
    await closeRedis(producer);
    await redis.quit();
    await cleanupPrefix(prefix);
  });

  it("is resumed by another process and the target is exact", async () => {
    const m = await createTestMigration(stores, { records: 200, batch: 10, stepMs: 60 });
    const a = await spawnWorker(stores, { name: "worker-a", prefix, concurrency: 1 });
    children.push(a);
    await queue.enqueue("run", { migrationId: m.id });
    await waitFor(
      "worker A to write 50 records",
      async () => ((await stores.checkpoints.get(m.id, ENTITY))?.written ?? 0) >= 50,
    );

    a.kill("SIGKILL");
    expect((await a.exited).signal).toBe("SIGKILL");
    const b = await spawnWorker(stores, { name: "worker-b", prefix, concurrency: 1 });
    children.push(b);

    const done = await waitFor(
      "the migration to complete",
      async () => {
        const current = await stores.migrations.getById(m.id);
        return current?.status === "completed" ? current : null;
      },
      25_000,
    );
    expect(done.runs).toBe(1);
    const target = await redis.hgetall(targetKey(prefix, m.id));
    expect(Object.keys(target)).toHaveLength(200);
    expect(Object.values(target).every((count) => count === "1")).toBe(true);
    expect((await stores.checkpoints.get(m.id, ENTITY))?.written).toBe(200);
  });
});
