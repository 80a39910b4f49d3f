/**
 * The estimate shown before a pilot or run (DESIGN.md §1 step 5): records, API
 * requests (read, write, setup), duration at the target's rate limit, and what it
 * does to the customer's yearly quota. Pure arithmetic over the connectors' cost
 * models (core/connectors/connector.ts `CostModel`) and discovery's counts; the
 * engine reads 2,500 and writes 50 Bitrix24 records per request.
 */
import type { CostModel } from "../../core/connectors/connector.js";
import { fieldsToCreate, type Mapping } from "../../core/mapping/index.js";
import type { EntityKind } from "../../core/model/canonical.js";
import { BURST_FACTOR, RATE_FACTOR } from "../../core/ratelimit/index.js";

export interface Estimate {
  records: number;
  requests: { read: number; write: number; setup: number; total: number };
  /** Seconds at the rate our limiter allows (a little under the documented one). */
  durationSec: number;
  quota: { quota: number; used: number; remaining: number; afterRun: number; sharePct: number };
}

export interface EstimateInput {
  counts: Partial<Record<EntityKind, number>>;
  entities: readonly EntityKind[];
  cost: { source: CostModel; target: CostModel };
  mapping: Mapping | null;
  quota: { quota: number; used: number; remaining: number };
}

/** Time to send `requests` through a bucket of `burst` refilled at `rate` per second. */
function seconds(requests: number, model: CostModel): number {
  const rate = model.requestsPerSecond * RATE_FACTOR;
  const burst = Math.floor(model.burst * BURST_FACTOR);
  return Math.max(0, requests - burst) / rate;
}

/** Requests a mapping's setup spends: two describes per entity, one per field or list to create. */
function setupRequests(mapping: Mapping | null, entities: readonly EntityKind[]): number {
  let requests = entities.length * 2;
  if (mapping === null) return requests;
  for (const entity of entities) {
    requests += fieldsToCreate(mapping, entity).length;
    const rules = mapping.entities[entity]?.fields ?? [];
    requests += rules.filter(
      (r) => r.action === "map" && "valueMap" in r.converter && r.converter.onUnknown === "create",
    ).length;
  }
  return requests;
}

export function estimateMigration(input: EstimateInput): Estimate {
  const { source, target } = input.cost;
  let records = 0;
  let read = 0;
  let write = 0;
  for (const entity of input.entities) {
    const n = input.counts[entity] ?? 0;
    records += n;
    // One count request per entity, then pages.
    read += 1 + Math.ceil(n / source.readRecordsPerRequest);
    write += Math.ceil(n / target.writeRecordsPerRequest);
  }
  const setup = setupRequests(input.mapping, input.entities);
  const total = read + write + setup;
  const durationSec = Math.max(seconds(read, source), seconds(write + setup, target));
  const { quota, used, remaining } = input.quota;
  return {
    records,
    requests: { read, write, setup, total },
    durationSec: Math.ceil(durationSec),
    quota: {
      quota,
      used,
      remaining,
      afterRun: Math.max(0, remaining - total),
      sharePct: quota > 0 ? (total / quota) * 100 : 0,
    },
  };
}
