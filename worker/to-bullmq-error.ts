/**
 * The only file that knows BullMQ's control-flow errors (STYLE.md "Errors"): it turns
 * our error kinds into what BullMQ does next.
 *
 * - `rate_limited` → the job waits: `job.moveToDelayed(now + retryAfterMs)` and a
 *   `DelayedError`. Not `Worker.RateLimitError`: that pauses the whole queue for this
 *   worker, so one portal's limit would stall every other customer's migration; the
 *   delay is per job and does not consume an attempt.
 * - `auth`, `invalid_input`, `config`, `not_found` → `UnrecoverableError`: retrying
 *   cannot help, so fail at once (the caller has already told the user).
 * - `transient`, `conflict` and anything unknown → rethrown, so BullMQ retries with
 *   exponential backoff up to the job's attempts.
 */
import { DelayedError, UnrecoverableError, type Job } from "bullmq";
import type { ErrorKind } from "../core/errors.js";
import { isPereezdError } from "../core/errors.js";

export type Disposition =
  { action: "retry" } | { action: "fail" } | { action: "wait"; delayMs: number };

/** Default wait when a service said "too many" without saying how long. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 30_000;
/** Longest single wait; a longer one is re-evaluated after this. */
export const MAX_RATE_LIMIT_WAIT_MS = 3_600_000;

const FATAL: ReadonlySet<ErrorKind> = new Set(["auth", "invalid_input", "config", "not_found"]);

/** What to do with a job that threw `error` (pure; tested as a table). */
export function dispositionOf(error: unknown): Disposition {
  if (!isPereezdError(error)) return { action: "retry" };
  if (error.kind === "rate_limited") {
    const asked = error.retryAfterMs ?? DEFAULT_RATE_LIMIT_WAIT_MS;
    return { action: "wait", delayMs: Math.min(Math.max(asked, 1_000), MAX_RATE_LIMIT_WAIT_MS) };
  }
  return FATAL.has(error.kind) ? { action: "fail" } : { action: "retry" };
}

type MovableJob = Pick<Job, "moveToDelayed">;

/**
 * The error the processor must throw for `error`. For a wait it first moves the job
 * to the delayed set (that needs the worker's lock `token`).
 */
export async function toBullmqError(
  error: unknown,
  job: MovableJob,
  token: string | undefined,
  now: () => number = Date.now,
): Promise<Error> {
  const disposition = dispositionOf(error);
  const message = error instanceof Error ? error.message : String(error);
  switch (disposition.action) {
    case "wait":
      await job.moveToDelayed(now() + disposition.delayMs, token);
      return new DelayedError(`waiting ${disposition.delayMs} ms: ${message}`);
    case "fail":
      return new UnrecoverableError(message);
    case "retry":
      return error instanceof Error ? error : new Error(message);
  }
}

/** A failure that must not be retried (bad job data, a missing migration). */
export function unrecoverable(message: string): Error {
  return new UnrecoverableError(message);
}

/**
 * Puts a job back to be taken again at once, by this or another worker, without
 * consuming an attempt: used when this process shuts down mid-run (the engine saved
 * its checkpoint, the next worker resumes from it).
 */
export async function requeue(
  job: MovableJob,
  token: string | undefined,
  now: () => number = Date.now,
): Promise<Error> {
  await job.moveToDelayed(now(), token);
  return new DelayedError("worker shutting down; job requeued");
}

/** True if BullMQ treats `error` as "moved elsewhere", not as a failure (for metrics and logs). */
export function isDeferral(error: unknown): boolean {
  return error instanceof DelayedError;
}
