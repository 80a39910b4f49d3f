import type { OperatingPolicy } from "./policies.js";
import type { OperatingUsage } from "./portal-limiter.js";

/**
 * Headroom kept below a method's operating limit: `minMarginSec`, or `stepMargin` times
 * the largest per-request increase of its usage seen so far, whichever is larger.
 */
export function operatingMarginSec(policy: OperatingPolicy, largestStepSec: number): number {
  const step = Number.isFinite(largestStepSec) && largestStepSec > 0 ? largestStepSec : 0;
  return Math.max(policy.minMarginSec, policy.stepMargin * step);
}

/** What a limiter remembers of one method's readings, to size the margin. */
export interface UsageTrack {
  /** Usage at the last reading, in the service's seconds. */
  last: number;
  /** Largest increase between two consecutive readings. */
  largestStep: number;
}

/**
 * The track after a new reading. A decrease (minute buckets leaving the window) only
 * moves `last`. The Redis limiter runs the same arithmetic in Lua (`OBSERVE_USAGE`).
 */
export function trackUsage(track: UsageTrack | undefined, operating: number): UsageTrack {
  if (!Number.isFinite(operating)) return track ?? { last: 0, largestStep: 0 };
  if (track === undefined) return { last: operating, largestStep: 0 };
  return { last: operating, largestStep: Math.max(track.largestStep, operating - track.last) };
}

/**
 * Until when (epoch ms) a Bitrix24 method must rest after an answer reported its
 * operating time, or null when it may go on. Mirrors the JS SDK's operating limiter
 * (wait until `operating_reset_at` + slack once usage ≥ limit − margin), with the
 * margin sized by the method's largest step (`operatingMarginSec`) and the wait bounded
 * to [slack, window] so a skewed or bogus reset time cannot stall a run.
 * https://apidocs.bitrix24.com/limits.html
 */
export function operatingBlockUntil(
  policy: OperatingPolicy | undefined,
  usage: OperatingUsage,
  nowMs: number,
  largestStepSec = 0,
): number | null {
  if (policy === undefined) return null;
  const threshold = policy.limitSec - operatingMarginSec(policy, largestStepSec);
  if (!Number.isFinite(usage.operating) || usage.operating < threshold) return null;
  const slackMs = policy.resetSlackSec * 1000;
  const requested = Number.isFinite(usage.operatingResetAt)
    ? usage.operatingResetAt * 1000 + slackMs
    : nowMs + policy.windowSec * 1000;
  return Math.min(Math.max(requested, nowMs + slackMs), nowMs + policy.windowSec * 1000);
}

/** A cost the bucket can ever satisfy: at least 0, at most its capacity. */
export function clampCost(cost: number, capacity: number): number {
  if (!Number.isFinite(cost) || cost <= 0) return 0;
  return Math.min(cost, capacity);
}
