/**
 * The demo's limiter policies: the real per-portal policies (registered by the
 * worker's connector opener) run `timeScale` times faster, like the sandbox's
 * emulated limits, so a demo of a few thousand records takes minutes while the
 * limits stay on. The operating limit keeps its simulated seconds, as the
 * sandbox charges costs in simulated seconds (see the connector's test harness).
 */
import { policies, scalePolicy, type LimitPolicy } from "../../core/ratelimit/index.js";
import type { PolicyRegistry } from "../../worker/connectors.js";

export function scaledPolicyRegistry(timeScale: number, fallback: LimitPolicy = policies.bitrix24Cloud): PolicyRegistry {
  const byKey = new Map<string, LimitPolicy>();
  const scaled = (policy: LimitPolicy): LimitPolicy => {
    const fast = scalePolicy(policy, timeScale);
    const operating = policy.operating;
    return operating === undefined
      ? fast
      : { ...fast, operating: { ...operating, windowSec: operating.windowSec / timeScale, resetSlackSec: operating.resetSlackSec / timeScale } };
  };
  return {
    source: (key) => scaled(byKey.get(key) ?? fallback),
    register: (key, policy) => void byKey.set(key, policy),
  };
}
