/**
 * The worker runtime on the real engine with in-memory CRMs (core/engine test-kit):
 * a run completes exactly, a pilot reports links, pause/resume/cancel stop the real
 * engine and resume from its checkpoints, revoked credentials pause and tell the user.
 */
import { Queue } from "bullmq";
import { afterEach, describe, expect, it } from "vitest";
import type { Connector } from "../core/connectors/connector.js";
import { createWorld, duplicates, WORLD_ENTITIES, type World } from "../core/engine/test-kit.js";
import { sleep } from "../core/http/sleep.js";
import { silentLogger } from "../core/logger.js";
import { closeRedis, createRedisConnection, startDeadline } from "../runtime/index.js";
import { REDIS_URL, cleanupPrefix, uniquePrefix, waitFor } from "../test/worker/support/redis.js";
import { createControl } from "./control.js";
import { createEngineRunner } from "./engine-runner.js";
import {
  NOTIFICATIONS_QUEUE,
  createMigrationQueue,
  notificationEventSchema,
  type NotificationEvent,
} from "./jobs.js";
import { startWorkerRuntime, type WorkerRuntime } from "./runtime.js";

/** The connector with every write taking `ms` (abortable), so a run lasts long enough to be paused. */
const slowWrites = (connector: Connector, ms: number): Connector =>
  new Proxy(connector, {
    get(target, key): unknown {
      if (key === "write") {
        return async (...args: Parameters<Connector["write"]>) => {
          await sleep(ms, args[3]);
          return target.write(...args);
        };
      }
      const value: unknown = Reflect.get(target, key, target);
      return typeof value === "function"
        ? (value as (...a: unknown[]) => unknown).bind(target)
        : value;
    },
  });

describe("engine runner in the worker runtime", () => {
  const cleanups: Array<() => Promise<void>> = [];
  afterEach(async () => {
    for (const c of cleanups.splice(0).reverse()) await c();
  });

  async function start(world: World, writeMs = 0) {
    const prefix = uniquePrefix("engine");
    const producer = createRedisConnection(REDIS_URL, "producer");
    const target = writeMs > 0 ? slowWrites(world.target, writeMs) : world.target;
    const runner = createEngineRunner({
      stores: world.stores,
      logger: silentLogger(),
      now: () => world.clock.now(),
      openConnector: async (id) =>
        id === world.migration.sourceConnectionId ? world.source : target,
    });
    const runtime: WorkerRuntime = await startWorkerRuntime({
      redisUrl: REDIS_URL,
      prefix,
      concurrency: 2,
      stores: world.stores,
      runner,
      logger: silentLogger(),
      progressIntervalMs: 50,
    });
    const queue = createMigrationQueue(producer, prefix);
    const notifications = new Queue(NOTIFICATIONS_QUEUE, { connection: producer, prefix });
    const { requestControl } = createControl({
      stores: world.stores,
      redis: producer,
      prefix,
      queue,
    });
    cleanups.push(async () => {
      await runtime.close(startDeadline(5_000));
      await queue.close();
      await notifications.close();
      await closeRedis(producer);
      await cleanupPrefix(prefix);
    });
    const events = async (): Promise<NotificationEvent[]> => {
      const jobs = await notifications.getJobs(["waiting"]);
      jobs.sort((a, b) => Number(a.id) - Number(b.id));
      return jobs.map((j) => notificationEventSchema.parse(j.data));
    };
    const status = async () => (await world.stores.migrations.getById(world.migration.id))?.status;
    return { queue, events, requestControl, status };
  }

  const exact = (world: World) => {
    for (const entity of WORLD_ENTITIES) {
      expect(world.target.crm.list(entity)).toHaveLength(world.ids[entity].length);
      expect(duplicates(world, entity)).toEqual([]);
    }
  };

  it("runs a migration to completion and reports it", async () => {
    const world = await createWorld();
    await world.stores.migrations.transition(world.migration.id, ["draft"], "queued");
    const w = await start(world);
    await w.queue.enqueue("run", { migrationId: world.migration.id });
    await waitFor("completed", async () => (await w.status()) === "completed");
    exact(world);
    const done = await waitFor("the completion event", async () =>
      (await w.events()).find((e) => e.type === "completed"),
    );
    expect(done).toMatchObject({ outcome: "completed", report: { failuresCsv: null } });
    const deals =
      done.type === "completed"
        ? done.report.entities.find((e) => e.entity === "deals")
        : undefined;
    expect(deals).toMatchObject({ written: world.ids.deals.length, failed: 0 });
  });

  it("runs a pilot that reports links to the created records", async () => {
    const world = await createWorld();
    await world.stores.migrations.transition(world.migration.id, ["draft"], "discovered");
    const w = await start(world);
    await w.queue.enqueue("pilot", { migrationId: world.migration.id, samplePerEntity: 1 });
    await waitFor("pilot_done", async () => (await w.status()) === "pilot_done");
    const report = await waitFor("the pilot report", async () =>
      (await w.events()).find((e) => e.type === "pilot_report"),
    );
    expect(report.type === "pilot_report" && report.report.links.length).toBeGreaterThan(0);
    expect(report.type === "pilot_report" && report.report.links[0]?.url).toMatch(
      /^https:\/\/new\.bitrix24\.test\/crm\//,
    );
  });

  it("pauses, resumes and cancels the real engine through the control channel", async () => {
    const world = await createWorld();
    await world.stores.migrations.transition(world.migration.id, ["draft"], "queued");
    const w = await start(world, 150);
    await w.queue.enqueue("run", { migrationId: world.migration.id });
    await waitFor("some records written", () => world.target.crm.list("companies").length >= 2);

    await w.requestControl(world.migration.id, "pause");
    await waitFor("paused", async () => (await w.status()) === "paused", 5_000);
    const written = WORLD_ENTITIES.reduce((n, e) => n + world.target.crm.list(e).length, 0);
    await sleep(400);
    expect(WORLD_ENTITIES.reduce((n, e) => n + world.target.crm.list(e).length, 0)).toBe(written);

    await w.requestControl(world.migration.id, "run");
    await waitFor("completed", async () => (await w.status()) === "completed", 20_000);
    exact(world);
    expect((await world.stores.migrations.getById(world.migration.id))?.runs).toBe(2);
  });

  it("cancels a running migration and leaves a report", async () => {
    const world = await createWorld();
    await world.stores.migrations.transition(world.migration.id, ["draft"], "queued");
    const w = await start(world, 150);
    await w.queue.enqueue("run", { migrationId: world.migration.id });
    await waitFor("some records written", () => world.target.crm.list("companies").length >= 2);
    await w.requestControl(world.migration.id, "cancel");
    await waitFor("cancelled", async () => (await w.status()) === "cancelled", 5_000);
    const after = await world.stores.migrations.getById(world.migration.id);
    expect(after?.report).toMatchObject({
      entities: expect.arrayContaining([expect.objectContaining({ entity: "companies" })]),
    });
    // Events follow the status change: wait for them rather than read at once.
    const last = await waitFor("the cancellation report", async () =>
      (await w.events()).find((e) => e.type === "completed"),
    );
    expect(last).toMatchObject({ type: "completed", outcome: "cancelled" });
    await sleep(200); // longer than the progress throttle: no stale snapshot may follow
    expect((await w.events()).at(-1)).toEqual(last);
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);
  });

  it("pauses on revoked target credentials and tells the user", async () => {
    const world = await createWorld();
    await world.stores.migrations.transition(world.migration.id, ["draft"], "queued");
    world.target.faults.revokeAuth();
    const w = await start(world);
    await w.queue.enqueue("run", { migrationId: world.migration.id });
    await waitFor("paused", async () => (await w.status()) === "paused");
    await waitFor("the attention event", async () =>
      (await w.events()).some(
        (e) => e.type === "attention" && e.kind === "credentials_revoked" && e.side === "target",
      ),
    );
  });
});
