/**
 * The estimate shown before a pilot or run (DESIGN.md §1 step 5): the engine's
 * estimate (core/engine `estimate`: requests from the connectors' cost models,
 * duration at the slower side's rate) with what it does to the customer's quota
 * this plan year. Pure.
 */
import type { CostModel } from "../../core/connectors/connector.js";
import { estimate } from "../../core/engine/index.js";
import type { Mapping } from "../../core/mapping/index.js";
import type { EntityKind } from "../../core/model/canonical.js";

export interface Estimate {
  records: number;
  requests: { read: number; write: number; setup: number; total: number };
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

export function estimateMigration(input: EstimateInput): Estimate {
  const counts = Object.fromEntries(input.entities.map((e) => [e, input.counts[e] ?? 0]));
  const e = estimate({
    counts,
    source: input.cost.source,
    target: input.cost.target,
    ...(input.mapping ? { mapping: input.mapping } : {}),
    quota: input.quota.quota,
  });
  const entities = Object.values(e.perEntity);
  const read = entities.reduce((n, x) => n + (x?.readRequests ?? 0), 0);
  const write = entities.reduce((n, x) => n + (x?.writeRequests ?? 0), 0);
  return {
    records: entities.reduce((n, x) => n + (x?.records ?? 0), 0),
    requests: { read, write, setup: e.setupRequests, total: e.totalRequests },
    durationSec: e.durationSeconds,
    quota: {
      quota: input.quota.quota,
      used: input.quota.used,
      remaining: input.quota.remaining,
      afterRun: Math.max(0, input.quota.remaining - e.totalRequests),
      sharePct: e.quotaShare * 100,
    },
  };
}
