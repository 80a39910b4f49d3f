import { isPereezdError } from "../errors.js";
import { abortReason, isAbortError, type Sleep } from "./sleep.js";

/**
 * The one retry policy for short waits, and the one loop that applies it
 * (STYLE.md "Errors": one owner per kind of wait; long waits belong to BullMQ).
 *
 * - `rate_limited`: wait what the service asked (never less, plus up to 10 % jitter),
 *   but only up to `maxRateLimitWaitMs`; a longer wait (amoCRM's `retry_after: 300`)
 *   is handed up so the job is delayed instead of a worker slot sleeping.
 * - `transient`: exponential backoff with equal jitter, `baseMs × 2^(n-1)` capped at
 *   `capMs`; a request that may have reached the server is retried only when it is
 *   idempotent (a repeated create duplicates records; the engine recovers those
 *   through `findByOrigin`). Connection failures (`connect_failed`) never reached it.
 * - everything else (`auth`, `invalid_input`, `config`, `not_found`, `conflict`,
 *   aborts, programming errors): no retry.
 */
export type RetryDecision = { retry: true; afterMs: number } | { retry: false };

export interface RetryPolicyOptions {
  /** Attempts in total, the first included. */
  maxAttempts?: number;
  baseMs?: number;
  capMs?: number;
  /** Longest server-requested wait slept here; longer ones fail fast to the job layer. */
  maxRateLimitWaitMs?: number;
  /** Whether repeating the request is harmless (GET, or a read sent as POST). */
  idempotent?: boolean;
  /** In [0, 1); injected so tests are deterministic. */
  random?: () => number;
}

export type RetryPolicy = (
  error: unknown,
  attempt: number,
  options?: RetryPolicyOptions,
) => RetryDecision;

export const RETRY_DEFAULTS = {
  maxAttempts: 6,
  baseMs: 500,
  capMs: 30_000,
  maxRateLimitWaitMs: 60_000,
} as const;

/** Transient code for failures before a connection existed: safe to repeat any request. */
export const CONNECT_FAILED = "connect_failed";

const NO: RetryDecision = { retry: false };

function backoff(attempt: number, baseMs: number, capMs: number, random: () => number): number {
  const ceiling = Math.min(capMs, baseMs * 2 ** Math.max(0, attempt - 1));
  return Math.round(ceiling / 2 + (ceiling / 2) * random());
}

/** Decides whether the failed attempt number `attempt` (1-based) is tried again, and when. */
export const retryPolicy: RetryPolicy = (error, attempt, options = {}) => {
  const maxAttempts = options.maxAttempts ?? RETRY_DEFAULTS.maxAttempts;
  const baseMs = options.baseMs ?? RETRY_DEFAULTS.baseMs;
  const capMs = options.capMs ?? RETRY_DEFAULTS.capMs;
  const random = options.random ?? Math.random;
  if (attempt >= maxAttempts || isAbortError(error) || !isPereezdError(error)) return NO;

  switch (error.kind) {
    case "rate_limited": {
      const asked = error.retryAfterMs ?? backoff(attempt, baseMs, capMs, random);
      if (asked > (options.maxRateLimitWaitMs ?? RETRY_DEFAULTS.maxRateLimitWaitMs)) return NO;
      return { retry: true, afterMs: Math.ceil(asked + asked * 0.1 * random()) };
    }
    case "transient": {
      const idempotent = options.idempotent ?? true;
      if (!idempotent && error.code !== CONNECT_FAILED) return NO;
      return { retry: true, afterMs: backoff(attempt, baseMs, capMs, random) };
    }
    default:
      return NO;
  }
};

export interface RetryEvent {
  error: unknown;
  attempt: number;
  afterMs: number;
}

export interface WithRetryOptions {
  /** Already bound to its options, e.g. `(e, n) => retryPolicy(e, n, { idempotent })`. */
  policy: (error: unknown, attempt: number) => RetryDecision;
  sleep: Sleep;
  signal?: AbortSignal;
  onRetry?: (event: RetryEvent) => void;
}

/**
 * Runs `fn` until it succeeds or the policy gives up; rethrows the last error as is.
 * An abort of `signal` ends the loop at once with the caller's reason, never retried.
 */
export async function withRetry<T>(
  fn: (attempt: number) => Promise<T>,
  options: WithRetryOptions,
): Promise<T> {
  for (let attempt = 1; ; attempt++) {
    if (options.signal?.aborted) throw abortReason(options.signal);
    try {
      return await fn(attempt);
    } catch (error) {
      if (options.signal?.aborted) throw error;
      const decision = options.policy(error, attempt);
      if (!decision.retry) throw error;
      options.onRetry?.({ error, attempt, afterMs: decision.afterMs });
      await options.sleep(decision.afterMs, options.signal);
    }
  }
}
