import { transientError } from "../errors.js";
import type { CallUsage, RequestMeter } from "./call-usage.js";
import { createPlanCalendar, type PlanCalendar } from "./plan-calendar.js";
import { UsageBuffer, nonZero, zero } from "./usage-buffer.js";
import {
  TOTAL_SCOPE,
  migrationScope,
  type UsageCounters,
  type UsageKey,
  type UsageRepository,
} from "./usage-port.js";

/** Which migration of which customer a request belongs to. */
export interface MeterContext {
  customerId: string;
  migrationId: string;
}

export interface QuotaStatus {
  period: string;
  quota: number;
  /** Metered requests this plan year: requests minus unmetered ones. */
  used: number;
  unmetered: number;
  remaining: number;
}

export interface MeterDeps {
  usage: UsageRepository;
  /** Requests per customer per plan year (`PLAN_QUOTA_CALLS`), or a choice per customer. */
  quotaPerYear?: number | ((customerId: string) => number);
  calendar?: PlanCalendar;
  now?: () => number;
  logger?: { warn(obj: object, msg: string): void };
  /** Flush on a timer every this many ms; omit to flush only by hand. */
  flushEveryMs?: number;
  /** Timer factory returning a stop function; injected in tests. */
  every?: (ms: number, fn: () => void) => () => void;
}

export interface Meter {
  /** Counts one HTTP request to a CRM (and the commands it carried). Synchronous, buffered. */
  record(context: MeterContext, usage: CallUsage): void;
  /** The meter bound to one migration, for the connector's HTTP client. */
  forMigration(context: MeterContext): RequestMeter;
  /** Writes buffered counts; rows that fail stay buffered for the next flush, then it throws. */
  flush(): Promise<void>;
  quota(customerId: string): Promise<QuotaStatus>;
  /** Requests left this plan year; the engine pauses the migration at 0. */
  remaining(customerId: string): Promise<number>;
  /** Stops the timer and flushes. */
  close(): Promise<void>;
}

export const DEFAULT_QUOTA_PER_YEAR = 1_000_000;

const defaultEvery = (ms: number, fn: () => void) => {
  const timer = setInterval(fn, ms);
  timer.unref();
  return () => clearInterval(timer);
};

/**
 * Counts CRM requests per customer and plan year ("total") and per migration
 * (`migration:<id>`), split into reads, writes and setup, with the requests made in
 * an unmetered promotion window counted apart (DESIGN.md §1.9). Counts are buffered
 * in memory and written with `$inc`, so the hot path costs no database round trip.
 * The quota counts HTTP requests ("API calls"), not batch commands: that is what
 * the CRM's rate limit and our cost follow, and `commands` is kept for reports.
 */
export function createMeter(deps: MeterDeps): Meter {
  const now = deps.now ?? Date.now;
  const calendar = deps.calendar ?? createPlanCalendar();
  const buffer = new UsageBuffer();
  /** Rows being written right now: still counted by the quota until they land. */
  const inFlight = new Map<string, UsageCounters>();
  let chain: Promise<void> = Promise.resolve();

  function record(context: MeterContext, usage: CallUsage): void {
    const at = now();
    const period = calendar.periodOf(at);
    const delta: UsageCounters = {
      ...zero(),
      requests: 1,
      commands: Math.max(0, usage.commands ?? 1),
      unmetered: calendar.isUnmetered(at) ? 1 : 0,
    };
    delta[usage.kind === "read" ? "reads" : usage.kind === "write" ? "writes" : "setup"] = 1;
    buffer.add({ customerId: context.customerId, period, scope: TOTAL_SCOPE }, delta);
    buffer.add(
      { customerId: context.customerId, period, scope: migrationScope(context.migrationId) },
      delta,
    );
  }

  async function writeAll(): Promise<void> {
    const rows = buffer.drain();
    for (const row of rows) inFlight.set(UsageBuffer.id(row.key), row.delta);
    const results = await Promise.allSettled(
      rows.map(async (row) => {
        try {
          await deps.usage.increment(row.key, nonZero(row.delta));
        } catch (error) {
          buffer.add(row.key, row.delta);
          throw error;
        } finally {
          inFlight.delete(UsageBuffer.id(row.key));
        }
      }),
    );
    const failed = results.filter((r) => r.status === "rejected");
    if (failed.length > 0) {
      const reason: unknown = failed[0]?.status === "rejected" ? failed[0].reason : undefined;
      deps.logger?.warn(
        { failed: failed.length, err: reason },
        "usage flush failed; kept for retry",
      );
      throw transientError(
        `${failed.length} usage rows could not be written; kept for the next flush`,
        {
          code: "usage_flush_failed",
          cause: reason,
        },
      );
    }
  }

  function flush(): Promise<void> {
    const run = chain.then(writeAll);
    chain = run.catch(() => undefined);
    return run;
  }

  const quotaOf = (customerId: string) =>
    typeof deps.quotaPerYear === "function"
      ? deps.quotaPerYear(customerId)
      : (deps.quotaPerYear ?? DEFAULT_QUOTA_PER_YEAR);

  async function quota(customerId: string): Promise<QuotaStatus> {
    const key: UsageKey = { customerId, period: calendar.periodOf(now()), scope: TOTAL_SCOPE };
    const persisted = (await deps.usage.get(key)) ?? {};
    const pending = [buffer.get(key), inFlight.get(UsageBuffer.id(key))];
    const sum = (name: keyof UsageCounters) =>
      (persisted[name] ?? 0) + pending.reduce((acc, row) => acc + (row?.[name] ?? 0), 0);
    const unmetered = sum("unmetered");
    const used = Math.max(0, sum("requests") - unmetered);
    const limit = quotaOf(customerId);
    return {
      period: key.period,
      quota: limit,
      used,
      unmetered,
      remaining: Math.max(0, limit - used),
    };
  }

  const stopTimer =
    deps.flushEveryMs !== undefined && deps.flushEveryMs > 0
      ? (deps.every ?? defaultEvery)(deps.flushEveryMs, () => {
          // Failures are logged in writeAll and the counts stay buffered.
          flush().catch(() => undefined);
        })
      : () => undefined;

  return {
    record,
    forMigration: (context) => ({ record: (usage) => record(context, usage) }),
    flush,
    quota,
    remaining: async (customerId) => (await quota(customerId)).remaining,
    async close() {
      stopTimer();
      await flush();
    },
  };
}
