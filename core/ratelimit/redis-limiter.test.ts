import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, afterEach, beforeAll, describe, expect, it } from "vitest";
import { PereezdError } from "../errors.js";
import { sleep as realSleep, type Sleep } from "../http/sleep.js";
import { OPERATING_READINGS } from "./__fixtures__/operating-readings.js";
import type { LimitPolicy } from "./policies.js";
import { policies } from "./policies.js";
import { createRedisLimiter } from "./redis-limiter.js";
import { runScript } from "./redis-scripts.js";

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";
const policy: LimitPolicy = {
  name: "test",
  documented: { ratePerSec: 50, burst: 5 },
  ratePerSec: 50,
  burst: 5,
};

// Two connections, as two worker processes would have.
let a: Redis;
let b: Redis;
let prefix: string;

beforeAll(() => {
  a = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  b = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
});
afterAll(async () => {
  await a.quit();
  await b.quit();
});
afterEach(async () => {
  const keys = await a.keys(`${prefix}*`);
  if (keys.length > 0) await a.del(...keys);
});

function pair(p: LimitPolicy = policy, sleepA: Sleep = realSleep, sleepB: Sleep = realSleep) {
  prefix = `test:rl:${randomUUID()}:`;
  return [
    createRedisLimiter({ redis: a, policy: p, prefix, sleep: sleepA }),
    createRedisLimiter({ redis: b, policy: p, prefix, sleep: sleepB }),
  ] as const;
}

/** A sleep that records each wait, then really waits. */
function recording(): { sleep: Sleep; waits: number[] } {
  const waits: number[] = [];
  return { waits, sleep: (ms, signal) => (waits.push(ms), realSleep(ms, signal)) };
}

describe("redis limiter", () => {
  it("keeps two instances sharing a key within burst + rate × elapsed", async () => {
    const [one, two] = pair();
    const started = Date.now();
    const deadline = started + 600;
    let granted = 0;
    const loop = async (limiter: typeof one) => {
      while (Date.now() < deadline) {
        await limiter.acquire("portal");
        granted++;
      }
    };
    await Promise.all([loop(one), loop(two), loop(one), loop(two)]);
    const elapsedSec = (Date.now() - started) / 1000;
    // Upper bound: wall-clock time measured around the run can only be longer than
    // Redis' own, so this cannot fail from a slow machine, only from a broken limiter.
    expect(granted).toBeLessThanOrEqual(
      policy.burst + Math.ceil(policy.ratePerSec * elapsedSec) + 4,
    );
    expect(granted).toBeGreaterThanOrEqual(policy.burst);
    const stats = [await one.stats("portal"), await two.stats("portal")];
    expect(stats[0]!.acquired + stats[1]!.acquired).toBe(granted);
    expect(stats[0]!.acquired).toBeGreaterThan(0);
    expect(stats[1]!.acquired).toBeGreaterThan(0);
  });

  it("penalize on one instance makes both wait, then resumes at the sustained rate", async () => {
    const ra = recording();
    const rb = recording();
    const [one, two] = pair(policy, ra.sleep, rb.sleep);
    await one.penalize("portal", { retryAfterMs: 1_500 });
    // The bucket is emptied for the penalty: no burst when it ends.
    expect(await two.stats("portal")).toMatchObject({ tokens: 0 });
    expect((await two.stats("portal")).penaltyMs).toBeGreaterThan(1_000);
    await Promise.all([one.acquire("portal"), two.acquire("portal")]);
    expect(ra.waits[0]).toBeGreaterThan(1_000);
    expect(rb.waits[0]).toBeGreaterThan(1_000);
  });

  it("blocks a method for every instance when one observes Bitrix24 operating near the limit", async () => {
    const rb = recording();
    const [one, two] = pair(policies.bitrix24Cloud, realSleep, rb.sleep);
    const resetAt = Math.floor(Date.now() / 1000) + 120;
    await one.observeOperating("portal", "crm.deal.add", {
      operating: 476,
      operatingResetAt: resetAt,
    });
    await one.observeOperating("portal", "crm.deal.list", {
      operating: 10,
      operatingResetAt: resetAt,
    });
    const blocked = (await two.stats("portal")).blockedMethods;
    expect(Object.keys(blocked)).toEqual(["crm.deal.add"]);
    expect(blocked["crm.deal.add"]).toBeGreaterThan(115_000);

    await two.acquireMethod("portal", "crm.deal.list");
    expect(rb.waits).toEqual([]);
    const controller = new AbortController();
    const reason = new DOMException("paused", "AbortError");
    const waiting = two.acquireMethod("portal", "crm.deal.add", controller.signal);
    controller.abort(reason);
    await expect(waiting).rejects.toBe(reason);
    expect(rb.waits[0]).toBeGreaterThan(115_000);

    await one.penalizeMethod("portal", "tasks.task.add", { retryAfterMs: 30_000 });
    expect((await two.stats("portal")).blockedMethods["tasks.task.add"]).toBeGreaterThan(25_000);
  });

  it.each(OPERATING_READINGS)(
    "sizes the operating margin like the memory limiter: $name",
    async ({ readings, blocked }) => {
      // Readings alternate between the two instances: the steps are shared state.
      const [one, two] = pair(policies.bitrix24Cloud);
      const operatingResetAt = Math.floor(Date.now() / 1000) + 120;
      for (const [i, operating] of readings.entries()) {
        const limiter = i % 2 === 0 ? one : two;
        await limiter.observeOperating("portal", "crm.contact.add", {
          operating,
          operatingResetAt,
        });
      }
      const { blockedMethods } = await one.stats("portal");
      expect("crm.contact.add" in blockedMethods).toBe(blocked);
    },
  );

  it("starts full and reports tokens, capacity and rate", async () => {
    const [one] = pair();
    expect(await one.stats("fresh")).toMatchObject({
      tokens: 5,
      capacity: 5,
      ratePerSec: 50,
      penaltyMs: 0,
    });
    await one.acquire("fresh", 3);
    expect((await one.stats("fresh")).tokens).toBeLessThan(3);
  });

  it("reloads a script the server does not know", async () => {
    prefix = `test:rl:${randomUUID()}:`;
    const lua = `-- ${prefix}\nreturn ARGV[1]`;
    const script = {
      lua,
      sha: (await import("node:crypto")).createHash("sha1").update(lua).digest("hex"),
    };
    expect(await runScript(a, script, [], ["hello"])).toBe("hello");
  });

  it("reports an unreachable Redis as a transient error", async () => {
    const down = new Redis("redis://127.0.0.1:1", {
      lazyConnect: true,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 0,
      retryStrategy: () => null,
    });
    const limiter = createRedisLimiter({ redis: down, policy, prefix: "test:down:" });
    const error = await limiter.acquire("portal").catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PereezdError);
    expect(error).toMatchObject({ kind: "transient", code: "limiter_unavailable" });
    down.disconnect();
  });
});
