/**
 * The resource ("operating") limit of docs:limits.md: execution time of a method is
 * summed in one-minute buckets over a 10-minute sliding window; each bucket expires
 * `window` after the first call recorded in it. While the sum exceeds the limit the
 * method answers 429 `OPERATION_TIME_LIMIT`. The check runs before execution, so the
 * call that crosses the line still completes (docs:limits.md, ../shared/reference/bitrix24.md §3.2).
 *
 * Every answer reports `time.operating` (the sum, simulated seconds) and
 * `time.operating_reset_at` (Unix seconds when the oldest bucket expires). With no
 * usage at all the docs' examples show `operating: 0` and no `operating_reset_at`
 * (docs:api-reference/common/system/server-time.md).
 */
import type { Clock } from "../clock.js";
import type { OperatingLimitConfig } from "./limits-config.js";

interface Bucket {
  startedAt: number;
  seconds: number;
}

/** What a response reports about one method's budget. */
export interface OperatingStatus {
  /** Simulated seconds used in the window. */
  used: number;
  /** Unix seconds when the oldest bucket expires; undefined when nothing is used. */
  resetAt: number | undefined;
  /** True when the next call of the method will be refused. */
  blocked: boolean;
}

/** Execution-time buckets per key (caller+method or method). */
export class OperatingBudget {
  private readonly usage = new Map<string, Bucket[]>();
  private readonly windowMs: number;
  private readonly bucketMs: number;

  /** `timeScale` 10 makes the 600 s window last 60 real seconds. */
  constructor(
    private readonly config: OperatingLimitConfig,
    private readonly clock: Clock,
    private readonly timeScale = 1,
  ) {
    this.windowMs = (config.windowSeconds * 1000) / timeScale;
    this.bucketMs = (config.bucketSeconds * 1000) / timeScale;
  }

  private live(key: string): Bucket[] {
    const now = this.clock.now();
    const buckets = (this.usage.get(key) ?? []).filter((b) => b.startedAt + this.windowMs > now);
    if (buckets.length === 0) this.usage.delete(key);
    else this.usage.set(key, buckets);
    return buckets;
  }

  /** The budget of `key` (caller+method or method) right now. */
  status(key: string): OperatingStatus {
    const buckets = this.live(key);
    const used = buckets.reduce((sum, b) => sum + b.seconds, 0);
    const oldest = buckets[0];
    return {
      used,
      resetAt: oldest ? this.unixSeconds(oldest.startedAt + this.windowMs) : undefined,
      blocked: used > this.config.limitSeconds,
    };
  }

  /**
   * Whole Unix seconds, as the service sends them — except when time runs scaled:
   * a whole real second would then be `timeScale` service seconds of rounding per
   * block, a wait the real service never imposes, so the exact time is sent.
   */
  private unixSeconds(ms: number): number {
    return this.timeScale === 1 ? Math.ceil(ms / 1000) : ms / 1000;
  }

  /** Charge `seconds` of execution to `key`; returns the budget after the charge. */
  record(key: string, seconds: number): OperatingStatus {
    if (seconds > 0) {
      const now = this.clock.now();
      const buckets = this.live(key);
      const last = buckets[buckets.length - 1];
      if (last && now < last.startedAt + this.bucketMs) last.seconds += seconds;
      else buckets.push({ startedAt: now, seconds });
      this.usage.set(key, buckets);
    }
    return this.status(key);
  }
}
