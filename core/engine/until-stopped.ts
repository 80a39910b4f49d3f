/**
 * Runs a step and turns an abort into the "aborted" outcome: whatever a
 * connector throws once the signal fired (an AbortError, a cut connection) is
 * the pause or cancel the caller asked for, not a failure. Everything else is
 * rethrown for the caller: auth stops the run, rate_limited and transient are
 * scheduled again by the queue.
 */
import { isPereezdError } from "../errors.js";
import type { RunContext } from "./context.js";
import type { RunOutcome } from "./types.js";

export async function untilStopped(
  ctx: RunContext,
  body: () => Promise<RunOutcome>,
): Promise<RunOutcome> {
  try {
    return await body();
  } catch (error) {
    if (ctx.input.signal.aborted && !isPereezdError(error, "auth")) return "aborted";
    const log = { err: error, migrationId: ctx.migrationId, runId: ctx.runId };
    // Rate limits and network trouble are routine: the queue retries them.
    if (isPereezdError(error, "rate_limited") || isPereezdError(error, "transient")) {
      ctx.input.logger?.info(log, "engine run paused by a retryable error");
    } else ctx.input.logger?.warn(log, "engine run stopped by an error");
    throw error;
  }
}
