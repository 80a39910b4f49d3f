/**
 * Both limits of one portal behind one object, rebuilt whole when the limits change
 * (counters start from zero then).
 */
import type { Clock } from "../clock.js";
import type { Caller, MethodCall, MethodDefinition } from "../method-types.js";
import { LeakyBucket } from "./leaky-bucket.js";
import type { LimitsConfig } from "./limits-config.js";
import { OperatingBudget, type OperatingStatus } from "./operating-budget.js";

/** What one call cost: simulated seconds charged, and the budget after the charge. */
export interface OperatingCharge {
  seconds: number;
  status: OperatingStatus;
}

/** Rate limit and operating limit of one portal; either may be off. */
export class PortalLimits {
  private readonly bucket: LeakyBucket | null;
  private readonly budget: OperatingBudget | null;

  constructor(
    readonly config: LimitsConfig,
    clock: Clock,
  ) {
    this.bucket = config.rate ? new LeakyBucket(config.rate, clock, config.timeScale) : null;
    this.budget = config.operating
      ? new OperatingBudget(config.operating, clock, config.timeScale)
      : null;
  }

  /** One HTTP request (a whole `batch` included) against the leaky bucket. */
  admitRequest(): boolean {
    return this.bucket ? this.bucket.tryTake() : true;
  }

  /** Counter of the leaky bucket; 0 when the rate limit is off. */
  bucketLevel(): number {
    return this.bucket ? this.bucket.current() : 0;
  }

  /** True when the operating limit is on; responses then carry `time.operating`. */
  get reportsOperating(): boolean {
    return this.budget !== null;
  }

  private key(caller: Caller, method: string): string {
    return this.config.operating?.per === "portal" ? method : `${caller.callerKey}|${method}`;
  }

  /** Budget of (caller, method) before the call; undefined when the limit is off. */
  operatingBefore(caller: Caller, method: string): OperatingStatus | undefined {
    return this.budget?.status(this.key(caller, method));
  }

  /**
   * Charge the simulated cost of a finished call; returns the seconds charged and the
   * budget after it, or undefined when the operating limit is off (nothing is charged).
   */
  charge(definition: MethodDefinition, call: MethodCall): OperatingCharge | undefined {
    if (!this.budget || !this.config.operating) return undefined;
    const declared = definition.cost;
    const cost =
      typeof declared === "function"
        ? declared(call)
        : (declared ?? this.config.operating.defaultCost);
    const seconds = Math.max(0, cost);
    return { seconds, status: this.budget.record(this.key(call.caller, call.method), seconds) };
  }
}
