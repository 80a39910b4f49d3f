/**
 * Limiter policies for runs against the time-scaled sandbox: the real per-portal
 * policies (registered by the connector opener from each connection's settings)
 * run `timeScale` times faster, like the sandbox's emulated limits.
 *
 * The operating limit keeps its simulated seconds: the sandbox shrinks the
 * 10-minute window by `timeScale` but charges and reports method time in
 * simulated seconds, while `scalePolicy` also divides the limit itself (which
 * would make the client stop a method `timeScale` times too early).
 */
import { policies, scalePolicy, type LimitPolicy } from "../../core/ratelimit/index.js";
import type { PolicyRegistry } from "../../core/service/index.js";

/** `policy` at `timeScale`, with the operating budget in the sandbox's simulated seconds. */
export function sandboxPolicy(policy: LimitPolicy, timeScale: number): LimitPolicy {
  const fast = scalePolicy(policy, timeScale);
  const operating = policy.operating;
  if (operating === undefined || timeScale === 1) return fast;
  return {
    ...fast,
    operating: {
      ...operating,
      windowSec: operating.windowSec / timeScale,
      resetSlackSec: operating.resetSlackSec / timeScale,
    },
  };
}

/** A policy registry whose every policy runs at `timeScale` (see the module comment). */
export function scaledPolicyRegistry(
  timeScale: number,
  fallback: LimitPolicy = policies.bitrix24Cloud,
): PolicyRegistry {
  const byKey = new Map<string, LimitPolicy>();
  return {
    source: (key) => sandboxPolicy(byKey.get(key) ?? fallback, timeScale),
    register: (key, policy) => void byKey.set(key, policy),
  };
}
