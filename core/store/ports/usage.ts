/**
 * API-call usage counters per customer, plan year and scope (the whole customer
 * or one migration). The meter increments them; the bot shows them against the
 * yearly quota. Increments are atomic, so many workers may count at once.
 */
import { z } from "zod";
import { idSchema } from "./common.js";

const count = z.number().int().nonnegative();

export const usageCountersSchema = z.object({
  /** HTTP requests sent to a CRM. */
  requests: count,
  /** Commands carried, counting each command inside a batch. */
  commands: count,
  reads: count,
  writes: count,
  /** Calls spent on setup: discovery, custom fields, list items. */
  setup: count,
  /** Calls not charged to the quota, e.g. during a promotion window. */
  unmetered: count,
});
export type UsageCounters = z.infer<typeof usageCountersSchema>;

export const usageKeySchema = z.object({
  customerId: idSchema,
  /** The plan year, e.g. "2026". */
  period: z.string().min(1).max(32),
  /** "total" or `migrationScope(id)`. */
  scope: z.string().min(1).max(160),
});
export type UsageKey = z.infer<typeof usageKeySchema>;

/** Scope of a customer's overall counters. */
export const TOTAL_SCOPE = "total";

/** Scope of one migration's counters. */
export const migrationScope = (migrationId: string): string => `migration:${migrationId}`;

/** Counters with every field at zero. */
export const zeroUsage = (): UsageCounters => ({
  requests: 0,
  commands: 0,
  reads: 0,
  writes: 0,
  setup: 0,
  unmetered: 0,
});

export interface UsageRecord extends UsageKey {
  counters: UsageCounters;
  updatedAt: Date;
}

/** Usage counters, unique per (customerId, period, scope). */
export interface UsageRepository {
  /** Atomically adds `delta` (integers) and returns the counters after it; creates them at zero. */
  increment(key: UsageKey, delta: Partial<UsageCounters>): Promise<UsageCounters>;
  /** The counters, or null if nothing was counted for the key. */
  get(key: UsageKey): Promise<UsageCounters | null>;
  /** Every scope of a customer in a period, ordered by scope. */
  listByCustomer(customerId: string, period: string): Promise<UsageRecord[]>;
}
