/**
 * Graceful shutdown with a deadline, shared by every process.
 *
 * Why a deadline: BullMQ's `worker.close()` waits for active jobs with no timeout
 * (libraries.md §4), and an orchestrator sends SIGKILL after its own grace period
 * anyway. Finishing our cleanup before that keeps the exit clean; whatever is still
 * running then is left to the stalled-job recovery of another worker.
 */
import type { Logger } from "../core/logger.js";

/** Resolves with `promise`'s value, or with `onTimeout()` once `ms` passed. */
export async function withDeadline<T, U>(
  promise: Promise<T>,
  ms: number,
  onTimeout: () => U,
): Promise<T | U> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<U>((resolve) => {
    timer = setTimeout(() => resolve(onTimeout()), Math.max(0, ms));
  });
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

/** A deadline that several steps share: each asks how much time is left. */
export interface Deadline {
  remainingMs(): number;
  expired(): boolean;
}

export function startDeadline(ms: number, now: () => number = Date.now): Deadline {
  const end = now() + ms;
  return {
    remainingMs: () => Math.max(0, end - now()),
    expired: () => now() >= end,
  };
}

export interface ShutdownOptions {
  /** What to stop, in order; gets the shared deadline. Errors are logged, not fatal. */
  stop: (deadline: Deadline, reason: string) => Promise<void>;
  deadlineMs: number;
  logger: Pick<Logger, "info" | "warn" | "error">;
  signals?: readonly NodeJS.Signals[];
  /** Injected in tests; defaults to `process.exit`. */
  exit?: (code: number) => void;
}

/**
 * Runs `stop` once on the first SIGTERM/SIGINT and exits 0. If `stop` outlives the
 * deadline (plus a second of slack) the process exits anyway. A second signal
 * exits at once. Returns the function that triggers the same path by hand.
 */
export function installShutdown(options: ShutdownOptions): (reason: string) => Promise<void> {
  const exit = options.exit ?? ((code: number) => process.exit(code));
  const signals = options.signals ?? ["SIGTERM", "SIGINT"];
  let running: Promise<void> | undefined;

  const shutdown = (reason: string): Promise<void> => {
    if (running !== undefined) return running;
    const started = Date.now();
    options.logger.info({ reason, deadlineMs: options.deadlineMs }, "shutting down");
    const deadline = startDeadline(options.deadlineMs);
    const hardStop = setTimeout(() => {
      options.logger.error({ reason }, "shutdown exceeded its deadline; exiting");
      exit(0);
    }, options.deadlineMs + 1_000);
    hardStop.unref();
    running = options
      .stop(deadline, reason)
      .catch((error: unknown) => options.logger.error({ err: error }, "shutdown step failed"))
      .then(() => {
        clearTimeout(hardStop);
        options.logger.info({ ms: Date.now() - started }, "shut down");
        exit(0);
      });
    return running;
  };

  for (const signal of signals) {
    process.on(signal, () => {
      if (running !== undefined) {
        options.logger.warn({ signal }, "second signal: exiting now");
        exit(0);
        return;
      }
      void shutdown(signal);
    });
  }
  return shutdown;
}
