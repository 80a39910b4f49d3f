/**
 * Two worker processes run two migrations against the same portal: the shared Redis
 * limiter keeps their requests together inside the portal's budget (a token bucket:
 * at most burst + rate·t requests in any window t).
 */
import { afterAll, describe, expect, it } from "vitest";
import { requestsKey } from "./support/fake-runner.js";
import { createTestMigration } from "./support/fixtures.js";
import { createHarness } from "./support/harness.js";
import { waitFor } from "./support/redis.js";

const RATE = 20;
const BURST = 5;

describe("two worker processes on one portal", () => {
  const h = createHarness("portal");
  afterAll(() => h.close());

  it("stay within the portal's limit together", async () => {
    const policy = { ratePerSec: RATE, burst: BURST };
    const [a, b] = await Promise.all([
      h.spawn("worker-a", { concurrency: 1, policy }),
      h.spawn("worker-b", { concurrency: 1, policy }),
    ]);
    const plan = { records: 50, batch: 1, portal: "shared.bitrix24.ru" };
    const migrations = [
      await createTestMigration(h.stores, plan),
      await createTestMigration(h.stores, plan),
    ];
    for (const m of migrations) await h.queue.enqueue("run", { migrationId: m.id });

    await waitFor(
      "both migrations to complete",
      async () => {
        const all = await Promise.all(migrations.map((m) => h.stores.migrations.getById(m.id)));
        return all.every((m) => m?.status === "completed");
      },
      25_000,
    );

    const log = (await h.redis.lrange(requestsKey(h.prefix, plan.portal), 0, -1)).map((line) => {
      const [at, pid] = line.split(":");
      return { at: Number(at), pid: Number(pid) };
    });
    expect(log).toHaveLength(100);
    expect(new Set(log.map((r) => r.pid))).toEqual(new Set([a.pid, b.pid]));

    const times = log.map((r) => r.at).sort((x, y) => x - y);
    // Every window [t_i, t_j] holds at most burst + rate·(t_j − t_i) requests; the
    // slack covers the few ms between taking a token and logging the request.
    let worst = -Infinity;
    for (let i = 0; i < times.length; i++) {
      for (let j = i; j < times.length; j++) {
        const allowed = BURST + (RATE * (times[j]! - times[i]! + 50)) / 1000 + 1;
        worst = Math.max(worst, j - i + 1 - allowed);
      }
    }
    expect(worst).toBeLessThanOrEqual(0);
  });
});
