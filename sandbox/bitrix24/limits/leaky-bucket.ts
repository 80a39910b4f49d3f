/**
 * The request-rate limit of docs:limits.md ("Leaky Bucket Algorithm"): every request
 * adds 1 to a counter that drains by `drainPerSecond`; a request that would lift the
 * counter above `threshold` is refused (503 `QUERY_LIMIT_EXCEEDED`) and adds nothing.
 * With the defaults, 50 requests pass at once and then 2 per second.
 *
 * The docs count per portal and source IP; everything reaches the sandbox from
 * 127.0.0.1, so the bucket is per portal.
 */
import type { Clock } from "../clock.js";
import type { RateLimitConfig } from "./limits-config.js";

/** The per-portal request counter; see the module comment. */
export class LeakyBucket {
  private level = 0;
  private updatedAt: number;

  /** `timeScale` 10 drains ten times faster in real time. */
  constructor(
    private readonly config: RateLimitConfig,
    private readonly clock: Clock,
    private readonly timeScale = 1,
  ) {
    this.updatedAt = clock.now();
  }

  private drain(): void {
    const now = this.clock.now();
    const elapsedSeconds = Math.max(0, now - this.updatedAt) / 1000;
    this.level = Math.max(
      0,
      this.level - elapsedSeconds * this.config.drainPerSecond * this.timeScale,
    );
    this.updatedAt = now;
  }

  /** Admit one request (true) or refuse it (false). */
  tryTake(): boolean {
    this.drain();
    // The epsilon keeps float drift (0.1 × 10 ≠ 1) from refusing a request that is due.
    if (this.level + 1 > this.config.threshold + 1e-9) return false;
    this.level += 1;
    return true;
  }

  /** Current counter value after draining; for tests and the CLI. */
  current(): number {
    this.drain();
    return this.level;
  }
}
