/**
 * Real-Redis test helpers: a unique key prefix per test and a cleanup that deletes
 * everything under it (queues, limiter buckets, fake targets), so test files can
 * run in parallel against one server.
 */
import { randomUUID } from "node:crypto";
import { Redis } from "ioredis";

export const REDIS_URL = process.env.REDIS_URL ?? "redis://127.0.0.1:6379";

/** `pzt-<name>-<random>`: letters, digits and dashes only (QUEUE_PREFIX rules). */
export const uniquePrefix = (name: string): string => `pzt-${name}-${randomUUID().slice(0, 8)}`;

/** A plain connection for assertions; close it with `quit()`. */
export const testRedis = (): Redis => new Redis(REDIS_URL, { maxRetriesPerRequest: null });

/** Deletes every key under `prefix` (BullMQ's and ours). */
export async function cleanupPrefix(prefix: string): Promise<void> {
  const redis = testRedis();
  try {
    let cursor = "0";
    do {
      const [next, keys] = await redis.scan(cursor, "MATCH", `${prefix}*`, "COUNT", 500);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== "0");
  } finally {
    await redis.quit();
  }
}

/** Polls `probe` until it returns a truthy value or `timeoutMs` passes (then throws `what`). */
export async function waitFor<T>(
  what: string,
  probe: () => Promise<T> | T,
  timeoutMs = 15_000,
  everyMs = 50,
): Promise<NonNullable<T>> {
  const end = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value) return value;
    if (Date.now() > end) throw new Error(`timed out after ${timeoutMs} ms waiting for ${what}`);
    await new Promise((resolve) => setTimeout(resolve, everyMs));
  }
}
