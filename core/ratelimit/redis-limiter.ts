import type { Redis } from "ioredis";
import { transientError } from "../errors.js";
import { abortReason, sleep as realSleep, type Sleep } from "../http/sleep.js";
import { clampCost, operatingBlockUntil } from "./operating.js";
import { resolvePolicy, type LimitPolicy, type PolicySource } from "./policies.js";
import type { LimiterStats, PortalLimiter } from "./portal-limiter.js";
import {
  BLOCK_METHOD,
  METHOD_WAIT,
  OBSERVE_USAGE,
  PENALIZE,
  STATS,
  TAKE,
  runScript,
  type LuaScript,
} from "./redis-scripts.js";

export interface RedisLimiterDeps {
  redis: Redis;
  policy: PolicySource;
  /** Key prefix, e.g. `pereezd:rl:` (from `QUEUE_PREFIX`); tests use a unique one. */
  prefix: string;
  sleep?: Sleep;
  /** Local clock, only to bound a reported operating reset time; Redis `TIME` rules the rest. */
  now?: () => number;
}

/** How long a portal's operating readings are kept: longer than any run, not forever. */
const USAGE_TTL_MS = 24 * 3_600_000;

/**
 * `PortalLimiter` shared by every process through Redis: one token bucket per key in a
 * Lua script on Redis' clock, penalties as a key with a PX expiry, blocked methods as a
 * hash of until-times, each method's last operating reading and largest step in another
 * hash. Waiting happens in the caller's process, polling after the wait the script
 * computed, so a cancelled caller takes nothing.
 */
export function createRedisLimiter(deps: RedisLimiterDeps): PortalLimiter {
  const sleep = deps.sleep ?? realSleep;
  const now = deps.now ?? Date.now;
  const local = new Map<string, { acquired: number; waitedMs: number }>();

  const keys = (key: string) => {
    const base = `${deps.prefix}{${key}}`;
    return {
      bucket: `${base}:bucket`,
      penalty: `${base}:penalty`,
      methods: `${base}:methods`,
      usage: `${base}:usage`,
    };
  };
  const counters = (key: string) => {
    let c = local.get(key);
    if (c === undefined) local.set(key, (c = { acquired: 0, waitedMs: 0 }));
    return c;
  };
  const bucketArgs = (p: LimitPolicy) => [String(p.ratePerSec / 1000), String(p.burst)];

  async function run(s: LuaScript, k: readonly string[], args: ReadonlyArray<string | number>) {
    try {
      return await runScript(deps.redis, s, k, args);
    } catch (error) {
      throw transientError("The shared rate limiter (Redis) did not answer", {
        code: "limiter_unavailable",
        details: { reason: error instanceof Error ? error.message : String(error) },
      });
    }
  }

  async function waitLoop(
    key: string,
    step: () => Promise<number>,
    signal: AbortSignal | undefined,
  ): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const waitMs = await step();
      if (waitMs <= 0) return;
      counters(key).waitedMs += waitMs;
      await sleep(waitMs, signal);
    }
  }

  async function blockMethod(key: string, method: string, until: { at?: number; forMs?: number }) {
    const at = String(Math.ceil(until.at ?? 0));
    await run(BLOCK_METHOD, [keys(key).methods], [method, at, Math.ceil(until.forMs ?? 0)]);
  }

  return {
    async acquire(key, cost = 1, signal) {
      const policy = resolvePolicy(deps.policy, key);
      if (!Number.isFinite(policy.ratePerSec)) return;
      const units = clampCost(cost, policy.burst);
      const k = keys(key);
      await waitLoop(
        key,
        async () => Number(await run(TAKE, [k.bucket, k.penalty], [...bucketArgs(policy), units])),
        signal,
      );
      counters(key).acquired += units;
    },

    async acquireMethod(key, method, signal) {
      const k = keys(key);
      await waitLoop(
        key,
        async () => Number(await run(METHOD_WAIT, [k.methods], [method])),
        signal,
      );
    },

    async penalize(key, { retryAfterMs }) {
      const policy = resolvePolicy(deps.policy, key);
      const k = keys(key);
      const ms = Math.ceil(Math.max(0, retryAfterMs));
      await run(PENALIZE, [k.bucket, k.penalty], [...bucketArgs(policy), ms]);
    },

    async penalizeMethod(key, method, { retryAfterMs }) {
      await blockMethod(key, method, { forMs: Math.max(0, retryAfterMs) });
    },

    async observeOperating(key, method, usage) {
      const { operating } = resolvePolicy(deps.policy, key);
      if (operating === undefined || !Number.isFinite(usage.operating)) return;
      const args = [method, String(usage.operating), USAGE_TTL_MS];
      const step = Number(await run(OBSERVE_USAGE, [keys(key).usage], args));
      const until = operatingBlockUntil(operating, usage, now(), step);
      if (until !== null) await blockMethod(key, method, { at: until });
    },

    async stats(key): Promise<LimiterStats> {
      const policy = resolvePolicy(deps.policy, key);
      const k = keys(key);
      const reply = await run(STATS, [k.bucket, k.penalty, k.methods], bucketArgs(policy));
      const [tokens, penalty, ...methods] = Array.isArray(reply) ? (reply as unknown[]) : [];
      const blockedMethods: Record<string, number> = {};
      for (let i = 0; i + 1 < methods.length; i += 2) {
        blockedMethods[String(methods[i])] = Number(methods[i + 1]);
      }
      const c = counters(key);
      return {
        key,
        tokens: Number(tokens ?? policy.burst),
        capacity: policy.burst,
        ratePerSec: policy.ratePerSec,
        penaltyMs: Number(penalty ?? 0),
        blockedMethods,
        acquired: c.acquired,
        waitedMs: c.waitedMs,
      };
    },
  };
}
