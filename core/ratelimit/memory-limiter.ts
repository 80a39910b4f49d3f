import { abortReason, sleep as realSleep, type Sleep } from "../http/sleep.js";
import { clampCost, operatingBlockUntil, trackUsage, type UsageTrack } from "./operating.js";
import { resolvePolicy, type LimitPolicy, type PolicySource } from "./policies.js";
import type { LimiterStats, OperatingUsage, PortalLimiter } from "./portal-limiter.js";

export interface MemoryLimiterDeps {
  policy: PolicySource;
  now?: () => number;
  sleep?: Sleep;
}

interface Bucket {
  policy: LimitPolicy;
  tokens: number;
  /** Epoch ms up to which tokens are accounted; in the future during a penalty. */
  updatedAt: number;
  penaltyUntil: number;
  methodsBlockedUntil: Map<string, number>;
  /** Operating readings per method, to size the margin by its largest step. */
  usage: Map<string, UsageTrack>;
  acquired: number;
  waitedMs: number;
}

/**
 * Token-bucket `PortalLimiter` for one process: the demo, the CLI and tests (with a
 * fake clock). Workers that share a portal use the Redis limiter instead.
 */
export function createMemoryLimiter(deps: MemoryLimiterDeps): PortalLimiter {
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const buckets = new Map<string, Bucket>();

  function bucket(key: string): Bucket {
    let b = buckets.get(key);
    if (b === undefined) {
      const policy = resolvePolicy(deps.policy, key);
      b = {
        policy,
        tokens: policy.burst,
        updatedAt: now(),
        penaltyUntil: 0,
        methodsBlockedUntil: new Map(),
        usage: new Map(),
        acquired: 0,
        waitedMs: 0,
      };
      buckets.set(key, b);
    }
    return b;
  }

  function refill(b: Bucket, at: number): void {
    if (at <= b.updatedAt) return;
    b.tokens = Math.min(
      b.policy.burst,
      b.tokens + ((at - b.updatedAt) / 1000) * b.policy.ratePerSec,
    );
    b.updatedAt = at;
  }

  /** 0 when granted, else how long to wait before trying again. */
  function tryTake(b: Bucket, cost: number): number {
    const at = now();
    if (b.penaltyUntil > at) return b.penaltyUntil - at;
    refill(b, at);
    if (b.tokens >= cost) {
      b.tokens -= cost;
      b.acquired += cost;
      return 0;
    }
    const pending = Math.max(0, b.updatedAt - at);
    return pending + Math.ceil(((cost - b.tokens) / b.policy.ratePerSec) * 1000);
  }

  async function waitLoop(b: Bucket, step: () => number, signal?: AbortSignal): Promise<void> {
    for (;;) {
      if (signal?.aborted) throw abortReason(signal);
      const waitMs = step();
      if (waitMs <= 0) return;
      b.waitedMs += waitMs;
      await sleep(waitMs, signal);
    }
  }

  function blockMethod(b: Bucket, method: string, until: number): void {
    const current = b.methodsBlockedUntil.get(method) ?? 0;
    if (until > current) b.methodsBlockedUntil.set(method, until);
  }

  return {
    async acquire(key, cost = 1, signal) {
      const b = bucket(key);
      if (!Number.isFinite(b.policy.ratePerSec)) return;
      const units = clampCost(cost, b.policy.burst);
      await waitLoop(b, () => tryTake(b, units), signal);
    },

    async acquireMethod(key, method, signal) {
      const b = bucket(key);
      await waitLoop(b, () => (b.methodsBlockedUntil.get(method) ?? 0) - now(), signal);
    },

    async penalize(key, { retryAfterMs }) {
      const b = bucket(key);
      const until = now() + Math.max(0, retryAfterMs);
      if (until <= b.penaltyUntil) return;
      b.penaltyUntil = until;
      b.tokens = 0;
      b.updatedAt = until;
    },

    async penalizeMethod(key, method, { retryAfterMs }) {
      blockMethod(bucket(key), method, now() + Math.max(0, retryAfterMs));
    },

    async observeOperating(key, method, usage: OperatingUsage) {
      const b = bucket(key);
      if (b.policy.operating === undefined) return;
      const track = trackUsage(b.usage.get(method), usage.operating);
      b.usage.set(method, track);
      const until = operatingBlockUntil(b.policy.operating, usage, now(), track.largestStep);
      if (until !== null) blockMethod(b, method, until);
    },

    async stats(key): Promise<LimiterStats> {
      const b = bucket(key);
      const at = now();
      refill(b, at);
      const blockedMethods: Record<string, number> = {};
      for (const [method, until] of b.methodsBlockedUntil) {
        if (until > at) blockedMethods[method] = until - at;
      }
      return {
        key,
        tokens: b.tokens,
        capacity: b.policy.burst,
        ratePerSec: b.policy.ratePerSec,
        penaltyMs: Math.max(0, b.penaltyUntil - at),
        blockedMethods,
        acquired: b.acquired,
        waitedMs: b.waitedMs,
      };
    },
  };
}
