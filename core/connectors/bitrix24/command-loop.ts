/**
 * Sends up to 50 write commands in one batch until each has an answer.
 *
 * Why here and not only in core/http: a batch of creates is not idempotent, so
 * core/http does not repeat it after a failure that may have reached the portal (a
 * dropped connection, a 500). Before repeating, `reconcile` asks the portal which
 * creates landed (by origin stamp), and only the rest is sent again: no duplicates.
 * Commands refused for load inside a batch (`OPERATION_TIME_LIMIT`) are sent again
 * once the limiter lets their method through. Whether and when to repeat is decided
 * by the one retry policy of core/http; failures core/http already retried
 * (connection failures, rate limits) are not retried a second time.
 */
import { isPereezdError, type PereezdError } from "../../errors.js";
import { CONNECT_FAILED, retryPolicy } from "../../http/retry-policy.js";
import type { Sleep } from "../../http/sleep.js";
import type { CallKind } from "../../metering/call-usage.js";
import type { Bitrix24Client, Command, CommandOutcome } from "./client.js";
import { isCommandError } from "./errors.js";

export interface LoopOptions<T> {
  kind: CallKind;
  signal: AbortSignal;
  sleep: Sleep;
  /** Whether sending a command twice is harmless (updates, deletes). */
  idempotent: boolean;
  /** Before a repeat: the items that already took effect, with their result. */
  reconcile?: (pending: readonly T[]) => Promise<Map<T, unknown>>;
  /** Before each send (attempt 1, 2…), e.g. to pick which of two equivalent methods goes. */
  beforeSend?: (attempt: number) => Promise<void>;
}

function repeatable(error: unknown, idempotent: boolean): error is PereezdError {
  if (!isPereezdError(error)) return false;
  // Refused inside a batch: the request went through, core/http had nothing to retry.
  if (isCommandError(error)) return error.kind === "rate_limited" || error.kind === "transient";
  // core/http retried idempotent requests, connection failures and rate limits already.
  return !idempotent && error.kind === "transient" && error.code !== CONNECT_FAILED;
}

/** Runs `items` (≤ 50) as batch commands; one outcome per item. */
export async function runCommands<T>(
  client: Bitrix24Client,
  items: readonly T[],
  toCommand: (item: T, key: string) => Command,
  options: LoopOptions<T>,
): Promise<Map<T, CommandOutcome>> {
  const outcomes = new Map<T, CommandOutcome>();
  let pending = [...items];
  const fail = (error: PereezdError) => {
    for (const item of pending) outcomes.set(item, { ok: false, error });
    pending = [];
  };
  // Whether the last try may have taken effect unseen (refused-for-load commands never ran).
  let uncertain = false;
  for (let attempt = 1; pending.length > 0; attempt++) {
    if (uncertain && options.reconcile !== undefined) {
      const landed = await options.reconcile(pending);
      for (const [item, result] of landed) {
        outcomes.set(item, { ok: true, result, total: undefined, next: undefined });
      }
      pending = pending.filter((item) => !landed.has(item));
      if (pending.length === 0) break;
    }
    const keyed = pending.map((item, i) => ({ item, key: `c${i}` }));
    let answer: Map<string, CommandOutcome>;
    await options.beforeSend?.(attempt);
    try {
      answer = await client.batch(
        keyed.map(({ item, key }) => toCommand(item, key)),
        { kind: options.kind, signal: options.signal, idempotent: options.idempotent },
      );
    } catch (error) {
      const decision = retryPolicy(error, attempt, { ...client.retry, idempotent: true });
      if (!repeatable(error, options.idempotent) || !decision.retry) throw error;
      uncertain = true;
      await options.sleep(decision.afterMs, options.signal);
      continue;
    }
    let again: PereezdError | undefined;
    const next: T[] = [];
    for (const { item, key } of keyed) {
      const outcome = answer.get(key);
      if (outcome !== undefined && !outcome.ok && repeatable(outcome.error, options.idempotent)) {
        again ??= outcome.error;
        next.push(item);
      } else if (outcome !== undefined) {
        outcomes.set(item, outcome);
      }
    }
    pending = next;
    if (again === undefined) break;
    uncertain = again.kind !== "rate_limited";
    const decision = retryPolicy(again, attempt, { ...client.retry, idempotent: true });
    if (!decision.retry) {
      fail(again);
      break;
    }
    // A blocked method is waited out by the limiter; other failures back off here.
    if (again.kind !== "rate_limited") await options.sleep(decision.afterMs, options.signal);
  }
  return outcomes;
}
