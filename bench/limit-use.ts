/**
 * How much of what Bitrix24's two cloud limits allow a run used, from what the
 * target sandbox portal counted (its `PortalStats` and its limits config) — no
 * figure comes from the client.
 *
 * Per write method m of an entity (`crm.<name>.add|update`, and the
 * `crm.item.add|update|import|batchImport` calls naming its `entityTypeId`), active
 * over T_m service seconds (first start to last finish, real time × time scale) and
 * charged O_m operating seconds: a sliding window of W seconds with a budget of L
 * lets at most L × (1 + T_m / W) through in T_m, so O_m / (L(1 + T_m/W)) is a
 * conservative share. An entity written through two methods at once is bound by
 * their combined budget: its share is Σ O_m / Σ L(1 + T_m/W). The request-rate share
 * of an entity is the target's admitted requests inside its write span over
 * (drain rate × span). Run figures are means over entities weighted by span.
 *
 * The budget share above understates use near an entity's end: a sliding window
 * releases budget in lumps, so the last few seconds of work can cost a whole
 * window of waiting whatever the client does. The "bound" figure therefore
 * compares time instead: in any W seconds a method runs at most L (plus the one
 * call that crosses the line, allowed for as 1 % of L), so k methods need at least
 * W × (n − 1) seconds, n = ⌈ΣO / (k × 1.01 L)⌉, to spend ΣO, and the rest after
 * that at the request rate (at the entity's average operating seconds per
 * request) — a lower bound on the entity's span. Its share is that bound over the
 * actual span; the entity's limit-bound use is max(rate share, that time share).
 * https://apidocs.bitrix24.com/limits.html
 */
import type { PortalStats } from "../sandbox/bitrix24/index.js";
import { KIND_BY_ENTITY_TYPE_ID, type CrmKind } from "../sandbox/bitrix24/data/types.js";

/** The target portal's limits as its sandbox config holds them; null = off. */
export interface PortalAllowance {
  /** Leaky-bucket drain, requests per service second. */
  ratePerSecond: number | null;
  operating: { limitSeconds: number; windowSeconds: number } | null;
}

/** One write method's part in an entity. */
export interface MethodSpan {
  method: string;
  operatingSeconds: number;
  /** T_m, service seconds. */
  spanSeconds: number;
}

/** One entity's write phase on the target. */
export interface EntityUse {
  entity: CrmKind;
  methods: MethodSpan[];
  /** First write start to last write finish, service seconds (the weight in run means). */
  spanSeconds: number;
  /** Admitted target requests inside the span. */
  requests: number;
  /** requests / (drain rate × span); null when the rate limit is off or the span is empty. */
  rateShare: number | null;
  /** Σ O_m / Σ L(1 + T_m/W); null when the operating limit is off. */
  operatingShare: number | null;
  /** `leastOperatingSeconds` / span: the least time the budget forces, over the span; null when off. */
  operatingTimeShare: number | null;
}

/** Overshoot a window may hold: the call that crosses the limit still runs (docs:limits.md). */
export const CROSSING_ALLOWANCE = 0.01;

/**
 * The least service seconds k methods with budget L per window W need to spend
 * `operating`: whole windows while more than one window's budget is left, then
 * what is left at the request rate (`tail`: requests per second and the average
 * operating seconds one request spent), since no more than (n − 1) windows' worth
 * can be spent before the (n − 1)th window ends.
 */
export function leastOperatingSeconds(
  operating: number,
  methods: number,
  limit: { limitSeconds: number; windowSeconds: number },
  tail?: { ratePerSecond: number; operatingPerRequest: number },
): number {
  const perWindow = methods * limit.limitSeconds * (1 + CROSSING_ALLOWANCE);
  const windows = Math.max(0, Math.ceil(operating / perWindow) - 1);
  if (windows === 0 || tail === undefined || !(tail.operatingPerRequest > 0)) {
    return limit.windowSeconds * windows;
  }
  const left = operating - windows * perWindow;
  return limit.windowSeconds * windows + left / tail.operatingPerRequest / tail.ratePerSecond;
}

export interface LimitUse {
  /** In the order their writes began. */
  entities: EntityUse[];
  /** Span-weighted mean of the entities' operating shares; null when that limit is off. */
  operatingShare: number | null;
  /** Span-weighted mean of max(rate share, operating share) per entity. */
  boundShare: number | null;
}

const LEGACY = /^crm\.(company|contact|lead|deal)\.(add|update)$/;
const UNIVERSAL = /^crm\.item\.(add|update|import|batchimport)$/;

interface Active {
  entity: CrmKind;
  method: string;
  operatingSeconds: number;
  firstMs: number;
  lastMs: number;
}

/** Write-method activity per entity, from the stats' per-method (and per-entityTypeId) use. */
function writeActivity(stats: PortalStats): Active[] {
  const out: Active[] = [];
  for (const [method, use] of Object.entries(stats.methods)) {
    const legacy = LEGACY.exec(method);
    if (legacy) out.push({ ...use, method, entity: legacy[1] as CrmKind });
    if (!UNIVERSAL.test(method)) continue;
    for (const [typeId, part] of Object.entries(use.byEntityType)) {
      const entity = KIND_BY_ENTITY_TYPE_ID[Number(typeId)];
      if (entity) out.push({ ...part, method, entity });
    }
  }
  return out;
}

/** Index of the first of the sorted `times` above `x` (or at `x`, when `inclusive`). */
function firstFrom(times: readonly number[], x: number, inclusive: boolean): number {
  let lo = 0;
  let hi = times.length;
  while (lo < hi) {
    const mid = (lo + hi) >> 1;
    const t = times[mid]!;
    if (t < x || (!inclusive && t === x)) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** How many of the sorted `times` fall in [from, to]. */
const countBetween = (times: readonly number[], from: number, to: number) =>
  firstFrom(times, to, false) - firstFrom(times, from, true);

/** Span-weighted mean of `value` over entities with a span; null when none has one. */
function weightedMean(entities: readonly EntityUse[], value: (e: EntityUse) => number | null) {
  let sum = 0;
  let weight = 0;
  for (const e of entities) {
    const v = value(e);
    if (v === null || e.spanSeconds <= 0) continue;
    sum += v * e.spanSeconds;
    weight += e.spanSeconds;
  }
  return weight > 0 ? sum / weight : null;
}

/** The limit use of a run on the target portal (see the module comment). */
export function limitUse(stats: PortalStats, allowed: PortalAllowance): LimitUse {
  const service = (ms: number) => (ms / 1000) * stats.timeScale;
  const admitted = [...stats.admittedAtMs].sort((a, b) => a - b);
  const byEntity = new Map<CrmKind, Active[]>();
  for (const a of writeActivity(stats)) {
    byEntity.set(a.entity, [...(byEntity.get(a.entity) ?? []), a]);
  }
  const phases = [...byEntity].map(([entity, active]) => ({
    entity,
    active,
    from: Math.min(...active.map((a) => a.firstMs)),
    to: Math.max(...active.map((a) => a.lastMs)),
  }));
  const op = allowed.operating;
  const entities: EntityUse[] = [];
  for (const { entity, active, from, to } of phases.sort((a, b) => a.from - b.from)) {
    const spanSeconds = service(to - from);
    const requests = countBetween(admitted, from, to);
    const methods = active.map((a) => ({
      method: a.method,
      operatingSeconds: a.operatingSeconds,
      spanSeconds: service(a.lastMs - a.firstMs),
    }));
    const operatingShare = op
      ? methods.reduce((s, m) => s + m.operatingSeconds, 0) /
        methods.reduce((s, m) => s + op.limitSeconds * (1 + m.spanSeconds / op.windowSeconds), 0)
      : null;
    const spent = methods.reduce((s, m) => s + m.operatingSeconds, 0);
    const tail =
      allowed.ratePerSecond !== null && requests > 0
        ? { ratePerSecond: allowed.ratePerSecond, operatingPerRequest: spent / requests }
        : undefined;
    const operatingTimeShare =
      op && spanSeconds > 0
        ? leastOperatingSeconds(spent, methods.length, op, tail) / spanSeconds
        : null;
    const rateShare =
      allowed.ratePerSecond !== null && spanSeconds > 0
        ? requests / (allowed.ratePerSecond * spanSeconds)
        : null;
    entities.push({
      entity,
      methods,
      spanSeconds,
      requests,
      rateShare,
      operatingShare,
      operatingTimeShare,
    });
  }
  return {
    entities,
    operatingShare: op ? weightedMean(entities, (e) => e.operatingShare) : null,
    boundShare: weightedMean(entities, (e) =>
      e.rateShare === null && e.operatingTimeShare === null
        ? null
        : Math.max(e.rateShare ?? 0, e.operatingTimeShare ?? 0),
    ),
  };
}
