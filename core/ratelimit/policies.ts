/**
 * Request budgets per service, as data: the documented figures and the ones we use.
 *
 * Why below the documented limit: the customer's own integrations (their webhook,
 * telephony, the site form) share the same portal budget, and a service that sees
 * repeated overruns blocks the caller (amoCRM answers 403 to everything, Bitrix24
 * support sets `OVERLOAD_LIMIT`). So we run at 95 % of the documented rate (90 % for
 * amoCRM, whose block is fatal) and keep 20 % of the burst free for the customer's
 * traffic. That still uses ≥ 90 % of the rate (DESIGN.md §5). A token bucket of
 * capacity B and rate r lets through at most B + r·t requests in any window t.
 *
 * Sources: Bitrix24 https://apidocs.bitrix24.com/limits.html (2 req/s, burst 50;
 * Enterprise 5/250; operating time per method, 480 s per 10 min in the docs' example);
 * amoCRM https://www.amocrm.com/developers/content/api/recommendations (7 req/s);
 * Google Sheets https://developers.google.com/sheets/api/limits (60 req/min per user);
 * Jira Cloud https://developer.atlassian.com/cloud/jira/platform/rate-limiting
 * (no fixed number for API-token traffic: ours is an assumption, 429s correct it).
 */
export interface LimitPolicy {
  name: string;
  /** What the service documents; Infinity = no limit. */
  documented: { ratePerSec: number; burst: number };
  /** What the limiter allows: tokens per second and bucket capacity. */
  ratePerSec: number;
  burst: number;
  /** Per-method operating-time limit (Bitrix24), in the service's seconds. */
  operating?: OperatingPolicy;
}

export interface OperatingPolicy {
  limitSec: number;
  /**
   * A method is blocked once its usage reaches `limitSec` minus a margin: the larger of
   * `minMarginSec` (the JS SDK keeps 5 s) and `stepMargin` × the largest per-request
   * increase of that method's usage seen so far (`operatingMarginSec`). The portal
   * checks before each call, so the request sent after the last reading may still add a
   * whole batch (tens of seconds on a slow portal); a fixed 10 % wasted 43 s of every
   * 480 on a fast one.
   */
  minMarginSec: number;
  stepMargin: number;
  /** Length of the sliding window; caps how long a method is blocked. */
  windowSec: number;
  /** Extra wait after `operating_reset_at` (SDK: 1 s), for clock skew. */
  resetSlackSec: number;
}

export const RATE_FACTOR = 0.95;
export const BURST_FACTOR = 0.8;

function derive(
  name: string,
  ratePerSec: number,
  burst: number,
  factors: { rate?: number; burst?: number; usedBurst?: number } = {},
  operating?: OperatingPolicy,
): LimitPolicy {
  const usedBurst =
    factors.usedBurst ?? Math.max(1, Math.floor(burst * (factors.burst ?? BURST_FACTOR)));
  return {
    name,
    documented: { ratePerSec, burst },
    ratePerSec: ratePerSec * (factors.rate ?? RATE_FACTOR),
    burst: usedBurst,
    ...(operating === undefined ? {} : { operating }),
  };
}

const bitrixOperating = (limitSec: number): OperatingPolicy => ({
  limitSec,
  minMarginSec: 5,
  // The next request, and one more already in flight from another worker.
  stepMargin: 2,
  windowSec: 600,
  resetSlackSec: 1,
});

export interface Bitrix24BoxOptions {
  /** Requests per second the portal's admin allows; default 10 (no built-in limit on box). */
  ratePerSec?: number;
  burst?: number;
  /** Operating limit if the admin enabled it (420 s by default when on). */
  operatingLimitSec?: number;
}

/** Policies by service. Box has no built-in Bitrix limit, so its default is merely polite. */
export const policies = {
  /** Bitrix24 cloud, all plans but Enterprise: drain 2/s, threshold 50. */
  bitrix24Cloud: derive("bitrix24Cloud", 2, 50, {}, bitrixOperating(480)),
  /** Bitrix24 cloud Enterprise: drain 5/s, threshold 250. */
  bitrix24Enterprise: derive("bitrix24Enterprise", 5, 250, {}, bitrixOperating(480)),
  /**
   * Bitrix24 on-premise: no built-in limit, so the default (10 req/s, burst 20, minus
   * the safety factors) only spares the customer's server; the admin's figures override.
   */
  bitrix24Box: (options: Bitrix24BoxOptions = {}): LimitPolicy =>
    derive(
      "bitrix24Box",
      options.ratePerSec ?? 10,
      options.burst ?? 20,
      {},
      options.operatingLimitSec === undefined
        ? undefined
        : bitrixOperating(options.operatingLimitSec),
    ),
  /**
   * amoCRM: 7 req/s with no documented burst. Rate 6.3/s with a bucket of 1 means at
   * most 7 requests in any one-second window, whatever the server's window alignment.
   */
  amocrm: derive("amocrm", 7, 7, { rate: 0.9, usedBurst: 1 }),
  /** Jira Cloud (API token): assumed 10 req/s burst 10; its 429 + Retry-After corrects us. */
  jira: derive("jira", 10, 10),
  /** Google Sheets: 60 requests/min per user; 0.9/s + burst 5 stays ≤ 59 in any minute. */
  gsheets: derive("gsheets", 1, 60, { rate: 0.9, usedBurst: 5 }),
} as const;

/**
 * The policy with time running `timeScale` times faster: rates multiplied, windows
 * and waits divided. The operating budget and margins stay as they are: they are
 * seconds of the service's execution time, which the sandbox charges unscaled
 * (each call still "costs" its simulated seconds; only the 10-minute window is
 * shorter). Used against the sandbox, whose limits are time-scaled by the same
 * factor for the benchmarks (DESIGN.md §5).
 */
export function scalePolicy(policy: LimitPolicy, timeScale: number): LimitPolicy {
  if (!(timeScale > 0)) throw new RangeError(`timeScale must be > 0, got ${timeScale}`);
  if (timeScale === 1) return policy;
  const { operating } = policy;
  return {
    ...policy,
    ratePerSec: policy.ratePerSec * timeScale,
    ...(operating === undefined
      ? {}
      : {
          operating: {
            limitSec: operating.limitSec,
            minMarginSec: operating.minMarginSec,
            stepMargin: operating.stepMargin,
            windowSec: operating.windowSec / timeScale,
            resetSlackSec: operating.resetSlackSec / timeScale,
          },
        }),
  };
}

/** One policy for every key, or a choice per key (cloud vs Enterprise portals). */
export type PolicySource = LimitPolicy | ((key: string) => LimitPolicy);

export function resolvePolicy(source: PolicySource, key: string): LimitPolicy {
  return typeof source === "function" ? source(key) : source;
}
