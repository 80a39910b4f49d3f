/**
 * The shared request budget of one CRM account ("portal"), and what the service
 * told us about it (DESIGN.md §3 "Limiter").
 *
 * Keys name the budget the service counts: a Bitrix24 portal host (its limit is per
 * portal and source IP), an amoCRM account, a Jira site, a Google service account.
 * Every process that calls the same account uses the same key, so with the Redis
 * implementation N workers stay inside one budget.
 */
export interface PortalLimiter {
  /** Waits until `cost` request tokens are available for `key` and takes them. */
  acquire(key: string, cost?: number, signal?: AbortSignal): Promise<void>;
  /** Waits while `method` is blocked for `key` by the service's operating-time limit. */
  acquireMethod(key: string, method: string, signal?: AbortSignal): Promise<void>;
  /**
   * The service refused for load (Bitrix24 503 `QUERY_LIMIT_EXCEEDED`, amoCRM/Jira 429):
   * everyone sharing `key` waits `retryAfterMs`, then resumes at the sustained rate
   * (the local bucket is emptied, since the server's one is full).
   */
  penalize(key: string, penalty: { retryAfterMs: number }): Promise<void>;
  /** Blocks one method of `key` (Bitrix24 429 `OPERATION_TIME_LIMIT`). */
  penalizeMethod(key: string, method: string, penalty: { retryAfterMs: number }): Promise<void>;
  /**
   * Feeds Bitrix24's per-method usage (`time.operating`, seconds used in the sliding
   * 10-minute window; `time.operating_reset_at`, Unix seconds) from an answer, once per
   * request and method; near the limit (a margin of twice the largest increase between
   * readings, at least 5 s) the method is blocked until the reset. No-op for policies
   * without one. https://apidocs.bitrix24.com/limits.html
   */
  observeOperating(key: string, method: string, usage: OperatingUsage): Promise<void>;
  stats(key: string): Promise<LimiterStats>;
}

export interface OperatingUsage {
  /** Seconds this method used in the window. */
  operating: number;
  /** Unix seconds when the oldest minute bucket expires. */
  operatingResetAt: number;
}

export interface LimiterStats {
  key: string;
  /** Tokens available now (fractional). */
  tokens: number;
  capacity: number;
  ratePerSec: number;
  /** Remaining shared pause after a penalty. */
  penaltyMs: number;
  /** Method → ms until it may be called again. */
  blockedMethods: Record<string, number>;
  /** Tokens granted by this limiter instance (this process). */
  acquired: number;
  /** Time callers of this instance spent waiting, in ms. */
  waitedMs: number;
}
