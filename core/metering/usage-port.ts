/**
 * The store port the meter writes through, declared structurally here so metering
 * compiles on its own; `core/store`'s usage repository satisfies it.
 */

/** One usage counter row: a customer, a plan year (`"2026"`) and `"total"` or `migration:<id>`. */
export interface UsageKey {
  customerId: string;
  period: string;
  scope: string;
}

/**
 * Counters, all in HTTP requests except `commands`: `requests` every request sent
 * to a CRM; `commands` the API commands they carried (a batch of 50 counts 50);
 * `reads` + `writes` + `setup` = `requests`; `unmetered` the requests made inside
 * a promotion window, which do not count against the quota.
 */
export interface UsageCounters {
  requests: number;
  commands: number;
  reads: number;
  writes: number;
  setup: number;
  unmetered: number;
}

export type UsageDelta = Partial<UsageCounters>;

/** The two methods of `core/store/ports/usage.ts`'s repository the meter needs. */
export interface UsageRepository {
  /** Adds `delta` to the row of `key` (`$inc` with upsert); the store returns the new counters. */
  increment(key: UsageKey, delta: UsageDelta): Promise<unknown>;
  /** The row, or null when nothing was counted: the quota check reads other processes' counts. */
  get(key: UsageKey): Promise<UsageDelta | null>;
}

export const TOTAL_SCOPE = "total";

export function migrationScope(migrationId: string): string {
  return `migration:${migrationId}`;
}
