/**
 * Waiting that a caller can cancel: the one primitive behind retries and rate limits.
 *
 * Why not `timers/promises`: it rejects with a new `AbortError` wrapping the reason;
 * pause/cancel code wants the caller's own `signal.reason` back, untouched.
 */
export type Sleep = (ms: number, signal?: AbortSignal) => Promise<void>;

/** Resolves after `ms` real milliseconds, or rejects with `signal.reason` on abort. */
export const sleep: Sleep = (ms, signal) =>
  new Promise<void>((resolve, reject) => {
    if (signal?.aborted) {
      reject(abortReason(signal));
      return;
    }
    const onAbort = () => {
      clearTimeout(timer);
      reject(abortReason(signal));
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener("abort", onAbort);
        resolve();
      },
      Math.max(0, ms),
    );
    signal?.addEventListener("abort", onAbort, { once: true });
  });

/** The error an aborted operation rejects with: the signal's reason, or a standard AbortError. */
export function abortReason(signal: AbortSignal | undefined): Error {
  const reason: unknown = signal?.reason;
  if (reason instanceof Error) return reason;
  const message = typeof reason === "string" ? reason : "The operation was aborted";
  return new DOMException(message, "AbortError");
}

/** True for the error a cancelled `fetch`, `sleep` or limiter wait rejects with. */
export function isAbortError(error: unknown): boolean {
  return error instanceof Error && (error.name === "AbortError" || error.name === "TimeoutError");
}
