/**
 * The demo's limiter policies: the real per-portal policies (registered by the
 * worker's connector opener) run `timeScale` times faster (`scalePolicy`), like
 * the sandbox's emulated limits, so a demo of a few thousand records takes
 * minutes while the limits stay on.
 */
import { policies, scalePolicy, type LimitPolicy } from "../../core/ratelimit/index.js";
import type { PolicyRegistry } from "../../worker/connectors.js";

export function scaledPolicyRegistry(
  timeScale: number,
  fallback: LimitPolicy = policies.bitrix24Cloud,
): PolicyRegistry {
  const byKey = new Map<string, LimitPolicy>();
  return {
    source: (key) => scalePolicy(byKey.get(key) ?? fallback, timeScale),
    register: (key, policy) => void byKey.set(key, policy),
  };
}
