/**
 * SIGTERM: the worker process stops taking jobs, its running job checkpoints and
 * goes back to the queue, and the process exits 0 within SHUTDOWN_TIMEOUT_MS; the
 * next worker resumes the job. A job that ignores the stop does not hold the exit.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { ENTITY, targetKey } from "./support/fake-runner.js";
import { createTestMigration } from "./support/fixtures.js";
import { createHarness, type Harness } from "./support/harness.js";
import { waitFor } from "./support/redis.js";

const DEADLINE_MS = 3_000;

describe("graceful shutdown", () => {
  // A harness per test: its own queue prefix, so no worker of one test takes another's job.
  let h: Harness;
  beforeEach(() => {
    h = createHarness("shutdown");
  });
  afterEach(() => h.close());

  const completed = (id: string) => async () =>
    (await h.stores.migrations.getById(id))?.status === "completed";
  const exact = async (id: string, n: number) => {
    const target = await h.redis.hgetall(targetKey(h.prefix, id));
    expect(Object.keys(target)).toHaveLength(n);
    expect(Object.values(target).every((c) => c === "1")).toBe(true);
  };

  it("requeues the running job and exits 0 well within the deadline", async () => {
    const m = await createTestMigration(h.stores, { records: 300, batch: 10, stepMs: 50 });
    const first = await h.spawn("worker-first", { concurrency: 1, shutdownTimeoutMs: DEADLINE_MS });
    await h.queue.enqueue("run", { migrationId: m.id });
    await waitFor(
      "the run to write",
      async () => ((await h.stores.checkpoints.get(m.id, ENTITY))?.written ?? 0) >= 30,
    );

    const sent = Date.now();
    first.kill("SIGTERM");
    const exit = await first.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(DEADLINE_MS);
    expect(first.messages).toContainEqual(
      expect.objectContaining({ kind: "stopped", forced: false }),
    );
    expect((await h.stores.migrations.getById(m.id))?.status).toBe("running");
    expect(["delayed", "waiting"]).toContain(await h.queue.queue.getJobState(`run-${m.id}`));

    await h.spawn("worker-next", { concurrency: 1 });
    await waitFor("the migration to complete", completed(m.id), 20_000);
    await exact(m.id, 300);
  });

  it("does not wait past the deadline for a job that ignores the stop", async () => {
    const m = await createTestMigration(h.stores, {
      records: 150,
      batch: 10,
      stepMs: 300,
      ignoreAbort: true,
    });
    const stuck = await h.spawn("worker-stuck", { concurrency: 1, shutdownTimeoutMs: 2_000 });
    await h.queue.enqueue("run", { migrationId: m.id });
    await waitFor(
      "the run to write",
      async () => ((await h.stores.checkpoints.get(m.id, ENTITY))?.written ?? 0) >= 10,
    );

    const sent = Date.now();
    stuck.kill("SIGTERM");
    const exit = await stuck.exited;
    expect(exit.code).toBe(0);
    expect(exit.at - sent).toBeLessThan(2_000 + 1_500);
    expect(stuck.messages).toContainEqual(
      expect.objectContaining({ kind: "stopped", forced: true }),
    );

    // Its lock expires and another worker resumes it from the checkpoint.
    await h.spawn("worker-rescue", { concurrency: 1 });
    await waitFor("the migration to complete", completed(m.id), 20_000);
    await exact(m.id, 150);
  });
});
