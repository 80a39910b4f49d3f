/**
 * The processor against real BullMQ: bad data fails once with a clear message,
 * fatal errors fail at once and tell the user, transient ones are retried, rate
 * limits wait without using an attempt.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createTestMigration } from "../../test/worker/support/fixtures.js";
import { startInProcess, type InProcess } from "../../test/worker/support/in-process.js";
import { waitFor } from "../../test/worker/support/redis.js";
import type { FakePlan } from "../../test/worker/support/fake-runner.js";

const fast = { attempts: 4, backoff: { type: "fixed", delay: 50 } } as const;

describe("migration processor", () => {
  let w: InProcess;
  beforeEach(async () => {
    w = await startInProcess("processor");
  });
  afterEach(() => w.close());

  const runJob = async (plan: FakePlan) => {
    const m = await createTestMigration(w.stores, plan);
    const job = await w.queue.add(
      "run",
      { migrationId: m.id, requestedAt: new Date().toISOString() },
      { ...fast, jobId: `run-${m.id}` },
    );
    return { m, job };
  };
  const finished = async (id: string) => {
    const job = await waitFor("the job to finish", async () => {
      const j = await w.queue.getJob(id);
      return j && (j.finishedOn ?? 0) > 0 ? j : null;
    });
    return job;
  };

  it("fails a job with bad data once, with a message naming the field", async () => {
    const job = await w.queue.add("run", { migrationId: 42 }, fast);
    const done = await finished(job.id!);
    expect(done.attemptsMade).toBe(1);
    expect(await done.getState()).toBe("failed");
    expect(done.failedReason).toMatch(/Invalid job data for "run".*migrationId/);
    expect(done.failedReason).toMatch(/requestedAt/);
  });

  it("fails an unknown job name or a missing migration at once", async () => {
    const unknown = await w.queue.add(
      "teleport",
      { migrationId: "x", requestedAt: new Date().toISOString() },
      fast,
    );
    const missing = await w.queue.add(
      "run",
      { migrationId: "nope", requestedAt: new Date().toISOString() },
      fast,
    );
    expect((await finished(unknown.id!)).failedReason).toMatch(/unknown job name "teleport"/);
    const gone = await finished(missing.id!);
    expect(gone.failedReason).toMatch(/Migration nope does not exist/);
    expect(gone.attemptsMade).toBe(1);
  });

  it("pauses on revoked credentials, tells the user and does not retry", async () => {
    const { m, job } = await runJob({
      records: 10,
      fail: { kind: "auth", details: { side: "target" }, afterProgress: true },
    });
    const done = await finished(job.id!);
    expect(done.attemptsMade).toBe(1);
    const after = await w.stores.migrations.getById(m.id);
    expect(after?.status).toBe("paused");
    expect(after?.lastError).toMatchObject({
      kind: "auth",
      message: "fake auth failure",
      side: "target",
    });
    expect(await w.notifications()).toContainEqual(
      expect.objectContaining({
        type: "attention",
        kind: "credentials_revoked",
        side: "target",
        migrationId: m.id,
      }),
    );
    // The progress message loses its Pause/Cancel buttons: the run is not going on.
    const states = (await w.notifications()).flatMap((e) =>
      e.type === "progress" ? [e.state] : [],
    );
    expect(states.at(-1)).toBe("stopped");
  });

  it("retries transient errors and completes", async () => {
    const { m, job } = await runJob({ records: 20, fail: { kind: "transient", times: 2 } });
    const done = await finished(job.id!);
    expect(await done.getState()).toBe("completed");
    expect(done.attemptsMade).toBe(3);
    expect((await w.stores.migrations.getById(m.id))?.status).toBe("completed");
    expect((await w.notifications()).some((e) => e.type === "attention")).toBe(false);
  });

  it("fails after the last attempt of a transient error and says so", async () => {
    const { m, job } = await runJob({ records: 20, fail: { kind: "transient" } });
    const done = await finished(job.id!);
    expect(done.attemptsMade).toBe(4);
    expect((await w.stores.migrations.getById(m.id))?.status).toBe("failed");
    const attention = (await w.notifications()).filter((e) => e.type === "attention");
    expect(attention).toEqual([
      expect.objectContaining({ kind: "failed", reason: "fake transient failure" }),
    ]);
  });

  it("waits out a rate limit without using an attempt", async () => {
    const { m, job } = await runJob({
      records: 20,
      fail: { kind: "rate_limited", retryAfterMs: 1_000, times: 1 },
    });
    await waitFor("the job to be delayed", async () => (await job.getState()) === "delayed");
    const done = await finished(job.id!);
    expect(await done.getState()).toBe("completed");
    expect(done.attemptsMade).toBe(1);
    expect((await w.stores.migrations.getById(m.id))?.status).toBe("completed");
  });

  it("moves a pilot to pilot_done and reports its links", async () => {
    const m = await createTestMigration(w.stores, { records: 10 }, { status: "discovered" });
    const job = await w.queue.add(
      "pilot",
      { migrationId: m.id, requestedAt: new Date().toISOString() },
      fast,
    );
    expect(await job.waitUntilFinished(w.events, 10_000)).toMatchObject({ outcome: "completed" });
    expect((await w.stores.migrations.getById(m.id))?.status).toBe("pilot_done");
    const report = (await w.notifications()).find((e) => e.type === "pilot_report");
    expect(report?.type === "pilot_report" && report.report.links).toHaveLength(3);
  });

  it("returns discovery details and moves a draft to discovered", async () => {
    const draft = await w.stores.migrations.create({
      customerId: "c1",
      chat: { channel: "telegram", chatId: "1" },
      sourceConnectionId: "s",
      targetConnectionId: "t",
      route: "bitrix24->bitrix24",
      options: { fake: { records: 7 } },
    });
    const job = await w.queue.add(
      "discover",
      { migrationId: draft.id, requestedAt: new Date().toISOString() },
      fast,
    );
    expect(await job.waitUntilFinished(w.events, 10_000)).toMatchObject({
      outcome: "completed",
      details: { counts: { contacts: 7 } },
    });
    expect((await w.stores.migrations.getById(draft.id))?.status).toBe("discovered");
  });
});
