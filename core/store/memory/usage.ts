/** Usage counters in memory, one per (customerId, period, scope). */
import { usageCountersSchema, usageKeySchema, zeroUsage } from "../ports/index.js";
import type { UsageCounters, UsageRecord, UsageRepository } from "../ports/index.js";
import { compareText } from "../shared/order.js";
import { parseInput } from "../shared/validate.js";
import { keyOf } from "../shared/keys.js";
import { MemoryCollection } from "./collection.js";

const deltaSchema = usageCountersSchema.partial();

/** Usage counters held in memory. */
export function createMemoryUsage(now: () => Date): UsageRepository {
  const usage = new MemoryCollection<UsageRecord>({
    name: "usage",
    key: (u) => keyOf(u.customerId, u.period, u.scope),
  });

  return {
    async increment(key, delta) {
      const { customerId, period, scope } = parseInput(usageKeySchema, key, "usage key");
      const add = parseInput(deltaSchema, delta, "usage delta");
      const counters = usage.get(keyOf(customerId, period, scope))?.counters ?? zeroUsage();
      for (const name of Object.keys(counters) as (keyof UsageCounters)[]) {
        counters[name] += add[name] ?? 0;
      }
      usage.replace({ customerId, period, scope, counters, updatedAt: now() });
      return counters;
    },

    async get({ customerId, period, scope }) {
      return usage.get(keyOf(customerId, period, scope))?.counters ?? null;
    },

    async listByCustomer(customerId, period) {
      return usage
        .find((u) => u.customerId === customerId && u.period === period)
        .sort((a, b) => compareText(a.scope, b.scope));
    },
  };
}
