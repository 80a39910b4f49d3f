/**
 * The mutable HTTP-side state of one portal: its limits, its fault injector and its
 * request counters. `setLimits`/`setFaults` swap them at run time (the admin API).
 */
import type { Clock } from "./clock.js";
import { FaultInjector, type FaultOptions } from "./faults.js";
import { resolveLimits, type LimitsOptions } from "./limits/limits-config.js";
import { PortalLimits } from "./limits/portal-limits.js";
import type { PortalKind, PortalPlan } from "./portal.js";
import { RequestStats } from "./stats.js";

/** How a portal's runtime starts. */
export interface PortalRuntimeOptions {
  clock: Clock;
  limits?: LimitsOptions | false;
  /** Applies to limits given later through `setLimits` too, unless they carry their own. */
  timeScale?: number;
  faults?: FaultOptions | null;
  /** Seed of the fault sequence. */
  seed: number;
}

/** Limits, faults and counters of one portal; swapped by the admin API. */
export class PortalRuntime {
  limits: PortalLimits;
  faults: FaultInjector;
  readonly stats = new RequestStats(() => this.limits.config.timeScale);
  private faultSeed: number;

  constructor(
    private readonly portal: { kind: PortalKind; plan: PortalPlan },
    private readonly options: PortalRuntimeOptions,
  ) {
    this.limits = this.buildLimits(options.limits);
    this.faultSeed = options.seed;
    this.faults = new FaultInjector(options.faults ?? null, this.faultSeed);
  }

  private buildLimits(limits: LimitsOptions | false | undefined): PortalLimits {
    const scaled =
      limits === false ? false : { timeScale: this.options.timeScale ?? 1, ...(limits ?? {}) };
    return new PortalLimits(resolveLimits(this.portal, scaled), this.options.clock);
  }

  /** Replace the limits (kind/plan defaults + `limits`); counters restart from zero. */
  setLimits(limits: LimitsOptions | false | undefined): void {
    this.limits = this.buildLimits(limits);
  }

  /** Replace the fault settings; null switches faults off. */
  setFaults(faults: FaultOptions | null): void {
    this.faultSeed += 1;
    this.faults = new FaultInjector(faults, this.faultSeed);
  }
}
