import { afterAll, describe, expect, it } from "vitest";
import { closeRedis, createRedisConnection } from "../runtime/index.js";
import { REDIS_URL, cleanupPrefix, uniquePrefix } from "../test/worker/support/redis.js";
import {
  createMigrationQueue,
  migrationJobDataSchemas,
  migrationJobId,
  notificationEventSchema,
} from "./jobs.js";

describe("job contract", () => {
  it("parses job data with defaults and rejects bad data", () => {
    const at = "2026-05-14T10:00:00.000Z";
    expect(migrationJobDataSchemas.pilot.parse({ migrationId: "m", requestedAt: at })).toEqual({
      migrationId: "m",
      requestedAt: at,
      samplePerEntity: 5,
    });
    expect(
      migrationJobDataSchemas.rollback.parse({ migrationId: "m", requestedAt: at }).scope,
    ).toBe("pilot");
    expect(migrationJobDataSchemas.run.safeParse({ migrationId: 1, requestedAt: at }).success).toBe(
      false,
    );
    expect(
      migrationJobDataSchemas.run.safeParse({ migrationId: "m", requestedAt: "yesterday" }).success,
    ).toBe(false);
  });

  it("job ids are per migration and step and never contain ':'", () => {
    expect(migrationJobId("run", "0b5d")).toBe("run-0b5d");
    expect(() => migrationJobId("run", "a:b")).toThrow(/':'/);
  });

  it("notification events are a closed union", () => {
    const base = { migrationId: "m", chat: { channel: "telegram", chatId: "1" }, at: 1 };
    expect(
      notificationEventSchema.safeParse({
        ...base,
        type: "attention",
        kind: "quota_reached",
        reason: "",
      }).success,
    ).toBe(true);
    expect(
      notificationEventSchema.safeParse({ ...base, type: "attention", kind: "oops", reason: "" })
        .success,
    ).toBe(false);
    expect(notificationEventSchema.safeParse({ ...base, type: "gossip" }).success).toBe(false);
  });
});

describe("createMigrationQueue (real Redis)", () => {
  const prefix = uniquePrefix("jobs");
  const producer = createRedisConnection(REDIS_URL, "producer");
  const handle = createMigrationQueue(producer, prefix);
  afterAll(async () => {
    await handle.close();
    await closeRedis(producer);
    await cleanupPrefix(prefix);
  });

  it("enqueues a step once however often the button is pressed", async () => {
    const results = await Promise.all(
      [1, 2, 3].map(() => handle.enqueue("run", { migrationId: "mig-1" })),
    );
    expect(results.filter((r) => r.enqueued).length).toBeGreaterThanOrEqual(1);
    expect(await handle.queue.getJobCounts("waiting")).toMatchObject({ waiting: 1 });
    const again = await handle.enqueue("run", { migrationId: "mig-1" });
    expect(again).toEqual({ jobId: "run-mig-1", enqueued: false, existingState: "waiting" });
    const job = await handle.queue.getJob("run-mig-1");
    expect(job?.opts).toMatchObject({
      attempts: 8,
      removeOnComplete: { age: 86_400, count: 1_000 },
    });
  });

  it("enqueues again once the previous job of the step finished", async () => {
    await handle.enqueue("delta", { migrationId: "mig-2" });
    const job = (await handle.queue.getJob("delta-mig-2"))!;
    await job.moveToFailed(new Error("gone"), "0", false).catch(() => undefined);
    await job.remove();
    // A finished (here: removed) job no longer blocks the id.
    expect((await handle.enqueue("delta", { migrationId: "mig-2" })).enqueued).toBe(true);
  });

  it("refuses bad data at the producer", async () => {
    await expect(handle.enqueue("run", { migrationId: "" })).rejects.toThrow();
  });
});
