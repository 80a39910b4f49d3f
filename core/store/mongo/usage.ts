/** Usage counters in MongoDB: one atomic `$inc` upsert per increment. */
import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { usageCountersSchema, usageKeySchema, zeroUsage } from "../ports/index.js";
import type { UsageCounters, UsageRecord, UsageRepository } from "../ports/index.js";
import { parseInput } from "../shared/validate.js";
import type { UsageDoc } from "./docs.js";
import { upserted, upsertRetrying } from "./errors.js";

const deltaSchema = usageCountersSchema.partial();
const COUNTERS = Object.keys(zeroUsage()) as (keyof UsageCounters)[];

const countersOf = (doc: UsageDoc): UsageCounters => {
  const counters = zeroUsage();
  for (const name of COUNTERS) counters[name] = doc[name] ?? 0;
  return counters;
};

const toRecord = (doc: UsageDoc): UsageRecord => ({
  customerId: doc.customerId,
  period: doc.period,
  scope: doc.scope,
  counters: countersOf(doc),
  updatedAt: doc.updatedAt,
});

/** Usage counters over the `usage` collection. */
export function createMongoUsage(usage: Collection<UsageDoc>, now: () => Date): UsageRepository {
  return {
    async increment(key, delta) {
      const { customerId, period, scope } = parseInput(usageKeySchema, key, "usage key");
      const add = parseInput(deltaSchema, delta, "usage delta");
      // A field may not be in both $inc and $setOnInsert: zeros go only where nothing is added.
      const inc: Partial<UsageCounters> = {};
      const zeros: Partial<UsageCounters> = {};
      for (const name of COUNTERS) {
        const value = add[name];
        if (value === undefined) zeros[name] = 0;
        else inc[name] = value;
      }
      const doc = await upsertRetrying("usage", () =>
        usage.findOneAndUpdate(
          { customerId, period, scope },
          {
            ...(Object.keys(inc).length > 0 && { $inc: inc }),
            $set: { updatedAt: now() },
            $setOnInsert: { _id: randomUUID(), ...zeros },
          },
          { upsert: true, returnDocument: "after" },
        ),
      );
      return countersOf(upserted(doc, "usage"));
    },

    async get({ customerId, period, scope }) {
      const doc = await usage.findOne({ customerId, period, scope });
      return doc ? countersOf(doc) : null;
    },

    async listByCustomer(customerId, period) {
      const docs = await usage.find({ customerId, period }).sort({ scope: 1 }).toArray();
      return docs.map(toRecord);
    },
  };
}
