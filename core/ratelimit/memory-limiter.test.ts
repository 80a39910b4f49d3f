import { describe, expect, it } from "vitest";
import { createFakeClock } from "../http/fake-clock.js";
import { OPERATING_READINGS } from "./__fixtures__/operating-readings.js";
import { createMemoryLimiter } from "./memory-limiter.js";
import { policies, type LimitPolicy } from "./policies.js";

const policy: LimitPolicy = {
  name: "test",
  documented: { ratePerSec: 2, burst: 4 },
  ratePerSec: 2,
  burst: 4,
};

function setup(p: LimitPolicy | ((key: string) => LimitPolicy) = policy) {
  const clock = createFakeClock();
  return { clock, limiter: createMemoryLimiter({ policy: p, now: clock.now, sleep: clock.sleep }) };
}

/** Most grants seen in any window of `windowMs` (grants sorted by time). */
function maxInWindow(times: number[], windowMs: number): number {
  let best = 0;
  for (let i = 0, j = 0; i < times.length; i++) {
    while ((times[i] ?? 0) - (times[j] ?? 0) >= windowMs) j++;
    best = Math.max(best, i - j + 1);
  }
  return best;
}

describe("memory limiter", () => {
  it("lets the burst through at once, then the sustained rate", async () => {
    const { clock, limiter } = setup();
    const start = clock.now();
    for (let i = 0; i < 4; i++) await limiter.acquire("p");
    expect(clock.now()).toBe(start);
    for (let i = 0; i < 16; i++) await limiter.acquire("p");
    expect(clock.now() - start).toBe(8_000); // 16 more at 2/s
    expect(await limiter.stats("p")).toMatchObject({
      acquired: 20,
      waitedMs: 8_000,
      capacity: 4,
      ratePerSec: 2,
    });
  });

  it("keeps concurrent callers sharing a key within burst + rate × window", async () => {
    const { clock, limiter } = setup();
    const grants: number[] = [];
    const worker = async () => {
      for (let i = 0; i < 15; i++) {
        await limiter.acquire("p");
        grants.push(clock.now());
      }
    };
    await Promise.all([worker(), worker(), worker()]);
    grants.sort((a, b) => a - b);
    expect(grants).toHaveLength(45);
    expect(maxInWindow(grants, 1_000)).toBeLessThanOrEqual(4 + 2);
    expect(maxInWindow(grants, 5_000)).toBeLessThanOrEqual(4 + 10);
  });

  it("keeps keys apart and honours a policy per key", async () => {
    const fast = { ...policy, ratePerSec: 100, burst: 10 };
    const { clock, limiter } = setup((key) => (key === "enterprise" ? fast : policy));
    for (let i = 0; i < 10; i++) await limiter.acquire("enterprise");
    for (let i = 0; i < 4; i++) await limiter.acquire("other");
    expect(clock.sleeps).toEqual([]);
  });

  it("takes several tokens at once and clamps a cost above the burst", async () => {
    const { clock, limiter } = setup();
    await limiter.acquire("p", 3);
    await limiter.acquire("p", 2); // 1 left, needs 1 more: 500 ms
    expect(clock.sleeps).toEqual([500]);
    await limiter.acquire("p", 50); // clamped to 4: 2 s to refill from 0
    expect(clock.sleeps).toEqual([500, 2_000]);
  });

  it("penalize makes every caller wait, then resumes at the sustained rate, not a burst", async () => {
    const { clock, limiter } = setup();
    await limiter.penalize("p", { retryAfterMs: 5_000 });
    await limiter.penalize("p", { retryAfterMs: 1_000 }); // a shorter one does not shorten it
    expect((await limiter.stats("p")).penaltyMs).toBe(5_000);
    const start = clock.now();
    await limiter.acquire("p");
    expect(clock.now() - start).toBe(5_500);
    await limiter.acquire("p");
    expect(clock.now() - start).toBe(6_000);
  });

  it("rejects with the caller's reason when aborted while waiting", async () => {
    const { limiter } = setup();
    const controller = new AbortController();
    const reason = new DOMException("cancelled", "AbortError");
    await limiter.penalize("p", { retryAfterMs: 60_000 });
    controller.abort(reason);
    await expect(limiter.acquire("p", 1, controller.signal)).rejects.toBe(reason);
  });

  it("does not limit an unlimited policy", async () => {
    const { clock, limiter } = setup({ ...policy, ratePerSec: Infinity });
    for (let i = 0; i < 1000; i++) await limiter.acquire("p");
    expect(clock.sleeps).toEqual([]);
  });
});

describe("memory limiter: Bitrix24 operating limit", () => {
  const cloud = policies.bitrix24Cloud;

  it("blocks a method near its limit until operating_reset_at + 1 s, and only that method", async () => {
    const { clock, limiter } = setup(cloud);
    const resetAt = Math.floor(clock.now() / 1000) + 120;
    await limiter.observeOperating("p", "crm.deal.list", {
      operating: 474,
      operatingResetAt: resetAt,
    });
    await limiter.acquireMethod("p", "crm.deal.list");
    expect(clock.sleeps).toEqual([]); // 474 < 480 - 5
    await limiter.observeOperating("p", "crm.deal.add", {
      operating: 475.5,
      operatingResetAt: resetAt,
    });
    expect((await limiter.stats("p")).blockedMethods).toEqual({ "crm.deal.add": 121_000 });
    await limiter.acquireMethod("p", "crm.deal.list");
    expect(clock.sleeps).toEqual([]);
    await limiter.acquireMethod("p", "crm.deal.add");
    expect(clock.now()).toBe(resetAt * 1000 + 1_000);
  });

  it("bounds a bogus reset time by the window and ignores services without the limit", async () => {
    const { clock, limiter } = setup(cloud);
    const farFuture = Math.floor(clock.now() / 1000) + 86_400;
    await limiter.observeOperating("p", "m", { operating: 479, operatingResetAt: farFuture });
    expect((await limiter.stats("p")).blockedMethods["m"]).toBe(600_000);
    const past = Math.floor(clock.now() / 1000) - 30;
    await limiter.observeOperating("p", "n", { operating: 479, operatingResetAt: past });
    expect((await limiter.stats("p")).blockedMethods["n"]).toBe(1_000);

    const amo = setup(policies.amocrm);
    await amo.limiter.observeOperating("a", "m", { operating: 1e6, operatingResetAt: farFuture });
    expect((await amo.limiter.stats("a")).blockedMethods).toEqual({});
  });

  it.each(OPERATING_READINGS)("$name", async ({ readings, blocked }) => {
    const { clock, limiter } = setup(cloud);
    const operatingResetAt = Math.floor(clock.now() / 1000) + 120;
    for (const operating of readings) {
      await limiter.observeOperating("p", "crm.contact.add", { operating, operatingResetAt });
    }
    const { blockedMethods } = await limiter.stats("p");
    expect("crm.contact.add" in blockedMethods).toBe(blocked);
  });

  it("penalizeMethod blocks one method for the given time", async () => {
    const { clock, limiter } = setup(cloud);
    await limiter.penalizeMethod("p", "crm.deal.add", { retryAfterMs: 10_000 });
    const start = clock.now();
    await limiter.acquireMethod("p", "crm.deal.add");
    expect(clock.now() - start).toBe(10_000);
  });
});
