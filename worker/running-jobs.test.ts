import { afterAll, afterEach, describe, expect, it } from "vitest";
import { silentLogger } from "../core/logger.js";
import { closeRedis, createRedisConnection } from "../runtime/index.js";
import { createMemoryStores } from "../core/store/index.js";
import { REDIS_URL, cleanupPrefix, uniquePrefix, waitFor } from "../test/worker/support/redis.js";
import { controlChannel } from "./control.js";
import { StopRequested, createRunningJobs, type RunningJobs } from "./running-jobs.js";

describe("running jobs and the control listener", () => {
  const prefix = uniquePrefix("running");
  const stores = createMemoryStores();
  const subscriber = createRedisConnection(REDIS_URL, "subscriber");
  const publisher = createRedisConnection(REDIS_URL, "worker");
  let running: RunningJobs | undefined;

  afterEach(async () => {
    await running?.close();
  });
  afterAll(async () => {
    await closeRedis(subscriber);
    await closeRedis(publisher);
    await cleanupPrefix(prefix);
  });

  const newMigration = async () =>
    (
      await stores.migrations.create({
        customerId: "c",
        chat: { channel: "telegram", chatId: "1" },
        sourceConnectionId: "s",
        targetConnectionId: "t",
        route: "bitrix24->bitrix24",
      })
    ).id;

  it("aborts a controllable job when a pause is published, not the others", async () => {
    running = await createRunningJobs({
      stores,
      subscriber,
      prefix,
      pollMs: 60_000,
      logger: silentLogger(),
    });
    const id = await newMigration();
    const run = running.start(id);
    const pilot = running.start(id, undefined, { controllable: false });
    const other = running.start(await newMigration());
    await publisher.publish(
      controlChannel(prefix),
      JSON.stringify({ migrationId: id, control: "pause" }),
    );
    await waitFor("the run to stop", () => run.signal.aborted);
    expect(run.stopReason()).toBe("pause");
    expect(run.signal.reason).toBeInstanceOf(StopRequested);
    expect(pilot.signal.aborted).toBe(false);
    expect(other.signal.aborted).toBe(false);
    expect(running.count()).toBe(3);
    run.done();
    expect(running.count()).toBe(2);
  });

  it("ignores malformed messages and 'run'", async () => {
    running = await createRunningJobs({
      stores,
      subscriber,
      prefix,
      pollMs: 60_000,
      logger: silentLogger(),
    });
    const id = await newMigration();
    const job = running.start(id);
    await publisher.publish(controlChannel(prefix), "{not json");
    await publisher.publish(
      controlChannel(prefix),
      JSON.stringify({ migrationId: id, control: "run" }),
    );
    await new Promise((resolve) => setTimeout(resolve, 100));
    expect(job.signal.aborted).toBe(false);
  });

  it("falls back to the store's control field when no message comes", async () => {
    running = await createRunningJobs({ stores, prefix, pollMs: 50, logger: silentLogger() });
    const id = await newMigration();
    const job = running.start(id);
    await stores.migrations.setControl(id, "cancel");
    await waitFor("the poll to stop the job", () => job.signal.aborted);
    expect(job.stopReason()).toBe("cancel");
  });

  it("stops everything on shutdown, and BullMQ's own signal stops a job too", async () => {
    running = await createRunningJobs({ stores, prefix, pollMs: 60_000, logger: silentLogger() });
    const parent = new AbortController();
    const a = running.start(await newMigration(), parent.signal, { controllable: false });
    const b = running.start(await newMigration());
    parent.abort();
    expect(a.stopReason()).toBe("shutdown");
    expect(running.stopAll("shutdown")).toBe(1);
    expect(b.stopReason()).toBe("shutdown");
  });
});
