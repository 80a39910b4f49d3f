/**
 * Progress of a run as the chat shows it (DESIGN.md §1 step 7): per-entity
 * done / total / failed / skipped, requests used, rates and an ETA. Counts
 * committed with a checkpoint and counts of the page in flight are kept
 * apart, so a page re-read after a pause is never counted twice.
 */
import type { EntityKind } from "../model/canonical.js";
import type { Checkpoint } from "../store/ports/index.js";
import type { RequestCounts, RunMode } from "./types.js";

export type Phase = "setup" | "copy" | "delta" | "pilot" | "rollback" | "done";

export interface EntityCounts {
  /** Records the run expects to handle; null while unknown. */
  total: number | null;
  /** Handled so far: written + failed + skipped (rollback: removed + failed). */
  done: number;
  /** Created or updated in the target. */
  written: number;
  failed: number;
  /** Already migrated earlier (e.g. by the pilot), not written again. */
  skipped: number;
  /** Rollback: records removed from the target. */
  removed: number;
  /** Records written without some value (this run only). */
  warnings: number;
}

/** The counts of one page or chunk, added to an entity's committed counts. */
export type CountsDelta = Partial<
  Pick<EntityCounts, "written" | "failed" | "skipped" | "removed" | "warnings">
>;

export const zeroCounts = (total: number | null = null): EntityCounts => ({
  total,
  done: 0,
  written: 0,
  failed: 0,
  skipped: 0,
  removed: 0,
  warnings: 0,
});

/** Adds `delta` to `counts`; `done` follows. */
export function addCounts(counts: EntityCounts, delta: CountsDelta): EntityCounts {
  const next = { ...counts };
  for (const key of ["written", "failed", "skipped", "removed", "warnings"] as const)
    next[key] += delta[key] ?? 0;
  next.done = next.written + next.failed + next.skipped + next.removed;
  return next;
}

/** An entity's counts as a checkpoint stored them. */
export function countsOf(checkpoint: Checkpoint): EntityCounts {
  const { written, failed, skipped, total } = checkpoint;
  return addCounts(zeroCounts(total), { written, failed, skipped });
}

export interface ProgressSnapshot {
  migrationId: string;
  runId: string;
  mode: RunMode;
  phase: Phase;
  /** The entity being worked on, if any. */
  entity: EntityKind | null;
  perEntity: Partial<Record<EntityKind, EntityCounts>>;
  /** Requests of this run so far, when the caller counts them. */
  requests: RequestCounts | null;
  recordsPerSecond: number;
  requestsPerSecond: number | null;
  /** Seconds until every known total is done at the current rate; null while unknown. */
  etaSeconds: number | null;
  elapsedSeconds: number;
  at: string;
}

export class ProgressTracker {
  readonly #committed = new Map<EntityKind, EntityCounts>();
  readonly #pending = new Map<EntityKind, CountsDelta>();
  readonly #doneAtStart = new Map<EntityKind, number>();
  readonly #warnings = new Map<EntityKind, number>();
  readonly #startedAt: Date;
  readonly #baseline: RequestCounts | null;
  #phase: Phase = "setup";
  #entity: EntityKind | null = null;

  constructor(
    private readonly run: { migrationId: string; runId: string; mode: RunMode },
    private readonly now: () => Date,
    private readonly requestStats?: () => RequestCounts,
  ) {
    this.#startedAt = now();
    this.#baseline = requestStats ? requestStats() : null;
  }

  setPhase(phase: Phase, entity: EntityKind | null = null): void {
    this.#phase = phase;
    this.#entity = entity;
  }

  get phase(): Phase {
    return this.#phase;
  }

  /** Sets an entity's durable counts (from its checkpoint) and drops the in-flight ones. */
  commit(entity: EntityKind, counts: EntityCounts): void {
    this.#committed.set(entity, { ...counts, warnings: 0 });
    this.#pending.delete(entity);
    if (!this.#doneAtStart.has(entity)) this.#doneAtStart.set(entity, counts.done);
  }

  /** Records the counts of the page in flight (replacing the previous in-flight counts). */
  inFlight(entity: EntityKind, delta: CountsDelta): void {
    this.#pending.set(entity, { ...delta, warnings: 0 });
  }

  /** Adds warnings of a committed page (they are counted for this run only). */
  addWarnings(entity: EntityKind, n: number): void {
    this.#warnings.set(entity, (this.#warnings.get(entity) ?? 0) + n);
  }

  /** Committed plus in-flight counts of an entity. */
  counts(entity: EntityKind): EntityCounts {
    const counts = addCounts(
      this.#committed.get(entity) ?? zeroCounts(),
      this.#pending.get(entity) ?? {},
    );
    return { ...counts, warnings: this.#warnings.get(entity) ?? 0 };
  }

  /** Entities with counts, in the order they were first committed. */
  get entities(): EntityKind[] {
    return [...this.#committed.keys()];
  }

  snapshot(): ProgressSnapshot {
    const at = this.now();
    const elapsed = Math.max((at.getTime() - this.#startedAt.getTime()) / 1000, 0);
    const perEntity: Partial<Record<EntityKind, EntityCounts>> = {};
    let doneThisRun = 0;
    let remaining: number | null = 0;
    for (const entity of this.#committed.keys()) {
      const counts = this.counts(entity);
      perEntity[entity] = counts;
      doneThisRun += counts.done - (this.#doneAtStart.get(entity) ?? 0);
      remaining =
        counts.total === null || remaining === null
          ? null
          : remaining + Math.max(counts.total - counts.done, 0);
    }
    const requests = this.#requestsSoFar();
    const recordsPerSecond = elapsed > 0 ? doneThisRun / elapsed : 0;
    const requestsPerSecond =
      requests && elapsed > 0 ? (requests.source + requests.target) / elapsed : null;
    const etaSeconds =
      remaining === null
        ? null
        : remaining === 0
          ? 0
          : recordsPerSecond > 0
            ? Math.ceil(remaining / recordsPerSecond)
            : null;
    return {
      ...this.run,
      phase: this.#phase,
      entity: this.#entity,
      perEntity,
      requests,
      recordsPerSecond,
      requestsPerSecond,
      etaSeconds,
      elapsedSeconds: elapsed,
      at: at.toISOString(),
    };
  }

  #requestsSoFar(): RequestCounts | null {
    if (!this.requestStats || !this.#baseline) return null;
    const current = this.requestStats();
    return {
      source: current.source - this.#baseline.source,
      target: current.target - this.#baseline.target,
    };
  }
}
