/**
 * The estimate shown before a run (DESIGN.md §1 step 5, §5): requests per
 * entity from the connectors' cost models (reads of up to
 * `readRecordsPerRequest` rows, writes of up to `writeRecordsPerRequest`
 * records), setup requests, the duration at each side's documented rate used
 * at ~95 % (the slower side wins: reads and writes go to different portals),
 * and the share of the yearly call quota the run takes. Pure arithmetic.
 */
import type { CostModel } from "../connectors/connector.js";
import { fieldsToCreate, type Mapping } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import { orderEntities } from "../model/plan.js";

/** Calls per customer and plan year (DESIGN.md §1 step 9). */
export const PLAN_QUOTA_PER_YEAR = 1_000_000;
/** Share of the documented rate a run sustains (the limiter keeps a margin). */
export const RATE_UTILISATION = 0.95;
/** Setup requests every entity costs: describe on both sides and a count. */
export const SETUP_REQUESTS_PER_ENTITY = 3;

export interface EstimateInput {
  /** Records per entity, e.g. from `discover`. */
  counts: Partial<Record<EntityKind, number>>;
  source: CostModel;
  target: CostModel;
  /** With it, custom fields to create are counted (one request per entity that has any). */
  mapping?: Mapping;
  /** Calls left or allowed per year; default `PLAN_QUOTA_PER_YEAR`. */
  quota?: number;
}

export interface EntityEstimate {
  records: number;
  readRequests: number;
  writeRequests: number;
}

export interface Estimate {
  perEntity: Partial<Record<EntityKind, EntityEstimate>>;
  setupRequests: number;
  totalRequests: number;
  durationSeconds: number;
  /** totalRequests / quota: 0.02 = 2 % of the year's calls. */
  quotaShare: number;
}

const requests = (records: number, perRequest: number) =>
  records <= 0 ? 0 : Math.ceil(records / Math.max(1, perRequest));

export function estimate(input: EstimateInput): Estimate {
  const entities = orderEntities(Object.keys(input.counts) as EntityKind[]);
  const perEntity: Partial<Record<EntityKind, EntityEstimate>> = {};
  let reads = 0;
  let writes = 0;
  let fieldCalls = 0;
  for (const entity of entities) {
    const records = Math.max(0, input.counts[entity] ?? 0);
    const e = {
      records,
      readRequests: requests(records, input.source.readRecordsPerRequest),
      writeRequests: requests(records, input.target.writeRecordsPerRequest),
    };
    perEntity[entity] = e;
    reads += e.readRequests;
    writes += e.writeRequests;
    if (input.mapping && fieldsToCreate(input.mapping, entity).length > 0) fieldCalls += 1;
  }
  // describe + count on the source, describe (+ field creation) on the target.
  const sourceRequests = reads + 2 * entities.length;
  const targetRequests = writes + entities.length + fieldCalls;
  const setupRequests = SETUP_REQUESTS_PER_ENTITY * entities.length + fieldCalls;
  const totalRequests = reads + writes + setupRequests;
  const seconds = (n: number, model: CostModel) =>
    n / (Math.max(model.requestsPerSecond, 1e-9) * RATE_UTILISATION);
  const durationSeconds = Math.ceil(
    Math.max(seconds(sourceRequests, input.source), seconds(targetRequests, input.target)),
  );
  const quota = input.quota ?? PLAN_QUOTA_PER_YEAR;
  return {
    perEntity,
    setupRequests,
    totalRequests,
    durationSeconds,
    quotaShare: quota > 0 ? totalRequests / quota : Infinity,
  };
}
