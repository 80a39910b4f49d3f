/**
 * Twenty migrations enqueued at once on two worker processes: all complete, each
 * target is exact, and each migration's notifications leave in order.
 */
import { afterAll, describe, expect, it } from "vitest";
import { targetKey } from "./support/fake-runner.js";
import { createTestMigration } from "./support/fixtures.js";
import { createHarness } from "./support/harness.js";
import { waitFor } from "./support/redis.js";

describe("twenty migrations at once", () => {
  const h = createHarness("many");
  afterAll(() => h.close());

  it("all complete on two processes, targets exact, notifications in order", async () => {
    await Promise.all([
      h.spawn("worker-a", { concurrency: 4 }),
      h.spawn("worker-b", { concurrency: 4 }),
    ]);
    const migrations = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        createTestMigration(h.stores, {
          records: 40,
          batch: 10,
          stepMs: 30,
          portal: `portal-${i % 3}`,
        }),
      ),
    );
    await Promise.all(migrations.map((m) => h.queue.enqueue("run", { migrationId: m.id })));

    await waitFor(
      "all twenty to complete",
      async () => {
        const all = await Promise.all(migrations.map((m) => h.stores.migrations.getById(m.id)));
        return all.every((m) => m?.status === "completed");
      },
      25_000,
    );

    for (const m of migrations) {
      const target = await h.redis.hgetall(targetKey(h.prefix, m.id));
      expect(Object.keys(target)).toHaveLength(40);
      expect(Object.values(target).every((n) => n === "1")).toBe(true);
    }

    const events = await waitFor("the completion notifications", async () => {
      const all = await h.notifications();
      return all.filter((e) => e.type === "completed").length === 20 ? all : null;
    });
    for (const m of migrations) {
      const mine = events.filter((e) => e.migrationId === m.id);
      const types = mine.map((e) => (e.type === "progress" ? `progress:${e.state}` : e.type));
      expect(types[0]).toBe("status");
      expect(types.slice(-2)).toEqual(["progress:completed", "completed"]);
      expect(types.filter((t) => t === "completed")).toHaveLength(1);
      const times = mine.map((e) => e.at);
      expect(times).toEqual([...times].sort((x, y) => x - y));
    }
  });
});
