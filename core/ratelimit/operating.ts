import type { OperatingPolicy } from "./policies.js";
import type { OperatingUsage } from "./portal-limiter.js";

/**
 * Until when (epoch ms) a Bitrix24 method must rest after an answer reported its
 * operating time, or null when it may go on. Mirrors the JS SDK's operating limiter
 * (wait until `operating_reset_at` + slack once usage ≥ limit − margin), with the
 * wait bounded to [slack, window] so a skewed or bogus reset time cannot stall a run.
 * https://apidocs.bitrix24.com/limits.html
 */
export function operatingBlockUntil(
  policy: OperatingPolicy | undefined,
  usage: OperatingUsage,
  nowMs: number,
): number | null {
  if (policy === undefined) return null;
  if (!Number.isFinite(usage.operating) || usage.operating < policy.limitSec - policy.marginSec) {
    return null;
  }
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
