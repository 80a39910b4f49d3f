/**
 * Redis connections with the options each role needs (libraries.md §4).
 *
 * Why a factory: BullMQ 6 throws at start if a Worker gets a connection without
 * `maxRetriesPerRequest: null`, and a producer in a request path must fail fast
 * instead of queueing commands while Redis is down (`enableOfflineQueue: false`).
 * Getting either wrong is silent until an outage, so every process asks here.
 */
import { Redis } from "ioredis";

/**
 * `worker`: BullMQ Workers and anything that blocks (retries forever, reconnects).
 * `subscriber`: pub/sub listeners (same options; a subscribed connection can do nothing else).
 * `producer`: Queues and plain commands from request handlers (fail fast when Redis is down).
 */
export type RedisRole = "worker" | "subscriber" | "producer";

export interface RedisConnectionOptions {
  /** Shown in `CLIENT LIST`, e.g. `pereezd-worker`. */
  name?: string;
}

/** A new connection to `url` configured for `role`; the caller closes it (`quit`). */
export function createRedisConnection(
  url: string,
  role: RedisRole,
  options: RedisConnectionOptions = {},
): Redis {
  const common = {
    connectionName: options.name === undefined ? undefined : `${options.name}-${role}`,
    // Reconnect with a capped backoff; never give up on a long-lived process.
    retryStrategy: (times: number) => Math.min(200 * times, 5_000),
  };
  if (role === "producer") {
    return new Redis(url, {
      ...common,
      enableOfflineQueue: false,
      maxRetriesPerRequest: 1,
      // With the offline queue off, commands sent before "ready" fail; connect eagerly.
      lazyConnect: false,
    });
  }
  return new Redis(url, { ...common, maxRetriesPerRequest: null });
}

/** Resolves once the connection is ready (a producer without offline queue needs this before its first command). */
export async function whenReady(redis: Redis, timeoutMs = 10_000): Promise<void> {
  if (redis.status === "ready") return;
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => {
      cleanup();
      reject(new Error(`Redis was not ready within ${timeoutMs} ms`));
    }, timeoutMs);
    const onReady = () => {
      cleanup();
      resolve();
    };
    const cleanup = () => {
      clearTimeout(timer);
      redis.off("ready", onReady);
    };
    redis.on("ready", onReady);
  });
}

/** Closes politely (`QUIT`), or drops the socket if Redis does not answer. */
export async function closeRedis(redis: Redis): Promise<void> {
  if (redis.status === "end") return;
  try {
    await redis.quit();
  } catch {
    redis.disconnect();
  }
}
