/**
 * The two Bitrix24 cloud limits and their defaults per portal kind and plan.
 *
 * docs:limits.md — request rate: a leaky bucket per portal, drain `Y`/s, block above
 * `X` (Enterprise 5/s and 250, every other plan 2/s and 50), answered with 503
 * `QUERY_LIMIT_EXCEEDED`; resource ("operating") limit: execution time per method
 * summed over 10 minutes, blocked above 480 s with 429 `OPERATION_TIME_LIMIT`.
 * On-premise ("box") portals have no rate limit from Bitrix and the operating limit is
 * off unless an administrator enables it (420 s then) — see ../shared/reference/bitrix24.md §3.4.
 */
import type { PortalKind, PortalPlan } from "../portal.js";

/** The leaky bucket's two numbers. */
export interface RateLimitConfig {
  /** Counter decrease per (simulated) second, `Y` in the docs. */
  drainPerSecond: number;
  /** Requests admitted while the counter is at most this value, `X` in the docs. */
  threshold: number;
}

/** The operating limit's window, budget and default cost. */
export interface OperatingLimitConfig {
  /** Seconds of execution time per method allowed in the window. */
  limitSeconds: number;
  /** Sliding window, 600 s in the docs. */
  windowSeconds: number;
  /** Width of one bucket of the window, 60 s (10 one-minute buckets). */
  bucketSeconds: number;
  /** Simulated execution time of a method that declares no `cost`. */
  defaultCost: number;
  /**
   * Whose budget a call is charged to. The docs say the time is counted per method and
   * the method is then blocked "for all applications and webhooks of that account"
   * (`portal`); the reference notes and the SDKs track it per app/webhook (`caller`).
   */
  per: "caller" | "portal";
}

/** Resolved limits of one portal; null = that limit is off. */
export interface LimitsConfig {
  rate: RateLimitConfig | null;
  operating: OperatingLimitConfig | null;
  /** 10 = limits run ten times faster: drain ×10, windows ÷10. Costs stay in simulated seconds. */
  timeScale: number;
}

/** What callers may set; `false` switches a limit off, an object switches it on. */
export interface LimitsOptions {
  rate?: Partial<RateLimitConfig> | false;
  operating?: Partial<OperatingLimitConfig> | false;
  timeScale?: number;
}

/** Simulated seconds charged per call when a method has no `cost` of its own. */
export const DEFAULT_METHOD_COST = 0.02;

function defaultRate(plan: PortalPlan): RateLimitConfig {
  return plan === "enterprise"
    ? { drainPerSecond: 5, threshold: 250 }
    : { drainPerSecond: 2, threshold: 50 };
}

function defaultOperating(kind: PortalKind): OperatingLimitConfig {
  return {
    limitSeconds: kind === "box" ? 420 : 480,
    windowSeconds: 600,
    bucketSeconds: 60,
    defaultCost: DEFAULT_METHOD_COST,
    per: "caller",
  };
}

/**
 * Limits for a portal: kind/plan defaults, then `options` on top. `options === false`
 * (the CLI's `--no-limits`) turns both off.
 */
export function resolveLimits(
  portal: { kind: PortalKind; plan: PortalPlan },
  options: LimitsOptions | false | undefined,
): LimitsConfig {
  const timeScale = options === false ? 1 : (options?.timeScale ?? 1);
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  if (options === false) return { rate: null, operating: null, timeScale };
  const isBox = portal.kind === "box";
  const rate =
    options?.rate === false || (isBox && options?.rate === undefined)
      ? null
      : { ...defaultRate(portal.plan), ...(options?.rate ?? {}) };
  const operating =
    options?.operating === false || (isBox && options?.operating === undefined)
      ? null
      : { ...defaultOperating(portal.kind), ...(options?.operating ?? {}) };
  return { rate, operating, timeScale };
}
