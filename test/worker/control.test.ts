/**
 * Pause, resume and cancel issued from another process (this test process, as the
 * bot would) reach the worker process running the migration within a second or two:
 * over the Redis channel, and over the store poll when no message is published.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENTITY, targetKey } from "./support/fake-runner.js";
import { createTestMigration } from "./support/fixtures.js";
import { createHarness, type Harness } from "./support/harness.js";
import { waitFor } from "./support/redis.js";

const SOON_MS = 3_000;

describe("control from another process", () => {
  // A harness per test: its own queue prefix, so no worker of one test takes another's job.
  let h: Harness;
  beforeEach(() => {
    h = createHarness("control");
  });
  afterEach(() => h.close());

  const written = async (id: string) => (await h.stores.checkpoints.get(id, ENTITY))?.written ?? 0;
  const statusIs = (id: string, status: string) => async () =>
    (await h.stores.migrations.getById(id))?.status === status;
  const timed = async (what: string, probe: () => Promise<boolean>) => {
    const started = Date.now();
    await waitFor(what, probe, 10_000, 20);
    return Date.now() - started;
  };

  it("pauses, resumes and cancels over the channel", async () => {
    // A poll far slower than the test: only the pub/sub message can stop the job in time.
    await h.spawn("worker-channel", { concurrency: 1, controlPollMs: 60_000 });
    const m = await createTestMigration(h.stores, { records: 1_000, batch: 10, stepMs: 100 });
    await h.queue.enqueue("run", { migrationId: m.id });
    await waitFor("the run to write", async () => (await written(m.id)) >= 20);

    await h.requestControl(m.id, "pause");
    expect(await timed("paused", statusIs(m.id, "paused"))).toBeLessThan(SOON_MS);
    const atPause = await written(m.id);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await written(m.id)).toBe(atPause);

    await h.requestControl(m.id, "run");
    expect(await timed("resumed", async () => (await written(m.id)) > atPause)).toBeLessThan(
      SOON_MS,
    );
    expect((await h.stores.migrations.getById(m.id))?.status).toBe("running");

    await h.requestControl(m.id, "cancel");
    expect(await timed("cancelled", statusIs(m.id, "cancelled"))).toBeLessThan(SOON_MS);
    const atCancel = await h.redis.hlen(targetKey(h.prefix, m.id));
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(await h.redis.hlen(targetKey(h.prefix, m.id))).toBe(atCancel);

    const cancelled = await h.stores.migrations.getById(m.id);
    expect(cancelled?.report).toMatchObject({ entities: [{ entity: ENTITY, written: atCancel }] });
    expect(
      Object.values(await h.redis.hgetall(targetKey(h.prefix, m.id))).every((n) => n === "1"),
    ).toBe(true);
    const events = await waitFor("the cancellation report", async () => {
      const mine = (await h.notifications()).filter((e) => e.migrationId === m.id);
      return mine.some((e) => e.type === "completed") ? mine : null;
    });
    expect(
      events.filter((e) => e.type === "status").map((e) => e.type === "status" && e.status),
    ).toEqual(["running", "paused", "running"]);
    expect(events.at(-1)).toMatchObject({ type: "completed", outcome: "cancelled" });
  });

  it("falls back to polling the store when no message comes", async () => {
    const m = await createTestMigration(h.stores, { records: 1_000, batch: 10, stepMs: 100 });
    await h.spawn("worker-poll", { concurrency: 1, controlPollMs: 1_000 });
    await h.queue.enqueue("run", { migrationId: m.id });
    await waitFor("the run to write", async () => (await written(m.id)) >= 20);

    await h.stores.migrations.setControl(m.id, "pause"); // no publish
    expect(await timed("paused", statusIs(m.id, "paused"))).toBeLessThan(SOON_MS);
  });
});
