import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { createRedisLimiter } from "../../ratelimit/redis-limiter.js";
import { scaledCloudPolicy, startHarness, storedRecords } from "./__fixtures__/sandbox-harness.js";

const REDIS_URL = process.env["REDIS_URL"] ?? "redis://127.0.0.1:6379";

describe("two workers sharing one portal budget through Redis", () => {
  const prefix = `test:b24:${randomUUID()}:`;
  let a: Redis;
  let b: Redis;
  beforeAll(() => {
    a = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
    b = new Redis(REDIS_URL, { maxRetriesPerRequest: 1 });
  });
  afterAll(async () => {
    const keys = await a.keys(`${prefix}*`);
    if (keys.length > 0) await a.del(...keys);
    await a.quit();
    await b.quit();
  });

  it("stay inside the portal's leaky bucket: no 503 although both write at full speed", async () => {
    const h = await startHarness();
    try {
      const policy = scaledCloudPolicy();
      const workers = [a, b].map((redis) =>
        h.connect({ deps: { limiter: createRedisLimiter({ redis, policy, prefix }) } }),
      );
      const results = await Promise.all(
        workers.map((connector, w) =>
          connector.write(
            "companies",
            Array.from({ length: 1_500 }, (_, i) => ({
              sourceId: `w${w}-${i}`,
              fields: { TITLE: `Worker ${w} #${i}` },
            })),
            { tag: `pereezd:w${w}` },
          ),
        ),
      );
      expect(results.flat().every((o) => o.ok)).toBe(true);
      const stats = h.sandbox.stats();
      expect(stats.httpRequests).toBe(60);
      expect(stats.queryLimitRejections).toBe(0);
      expect(storedRecords(h.portal, "companies")).toHaveLength(3_000);
    } finally {
      await h.close();
    }
  });
});
