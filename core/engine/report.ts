/**
 * The report at the end of a run (DESIGN.md §1 step 7): a summary per entity,
 * the requests used, and a CSV of the records that failed with their reasons
 * (columns entity, source_id, kind, code, path, message), built from the
 * stored record errors page by page.
 */
import type { EntityKind } from "../model/canonical.js";
import type { RecordError } from "../store/ports/index.js";
import type { Stores } from "../store/stores.js";
import type { RunContext } from "./context.js";
import { toCsv } from "./csv.js";
import type { EntityCounts } from "./progress.js";
import type { RequestCounts, RunMode, RunOutcome } from "./types.js";

export const FAILURE_COLUMNS = ["entity", "source_id", "kind", "code", "path", "message"] as const;

/** A failed record as a CSV row carries it. */
export type FailureRow = Pick<
  RecordError,
  "entity" | "sourceId" | "kind" | "code" | "path" | "message"
>;

/** A record the run created, with a link a person can open (the pilot's report lists them). */
export interface RecordLink {
  entity: EntityKind;
  sourceId: string;
  targetId: string;
  url: string | null;
}

export interface RunReport {
  migrationId: string;
  mode: RunMode;
  runId: string;
  startedAt: string;
  finishedAt: string;
  outcome: RunOutcome;
  perEntity: Partial<Record<EntityKind, EntityCounts>>;
  /** Requests of this run per side, when the caller counts them. */
  requests: RequestCounts | null;
  failures: number;
  failuresCsv: string;
  links?: RecordLink[];
}

const PAGE = 500;

/** The migration's stored record errors (optionally filtered), oldest id first. */
export async function storedFailures(
  stores: Stores,
  migrationId: string,
  keep: (error: RecordError) => boolean = () => true,
): Promise<FailureRow[]> {
  const rows: FailureRow[] = [];
  let after: string | undefined;
  for (;;) {
    const page = await stores.recordErrors.list(migrationId, {
      limit: PAGE,
      ...(after !== undefined ? { after } : {}),
    });
    rows.push(...page.filter(keep));
    const last = page.at(-1);
    if (!last || page.length < PAGE) return rows;
    after = last.id;
  }
}

/** The failures CSV: a header and one line per failed record. */
export function failuresCsv(rows: readonly FailureRow[]): string {
  return toCsv([
    FAILURE_COLUMNS,
    ...rows.map((r) => [r.entity, r.sourceId, r.kind, r.code ?? "", r.path ?? "", r.message]),
  ]);
}

/** The report of a run that ended with `outcome`. */
export function buildReport(
  ctx: RunContext,
  outcome: RunOutcome,
  startedAt: string,
  failures: readonly FailureRow[],
  links?: RecordLink[],
): RunReport {
  const snapshot = ctx.progress.snapshot();
  return {
    migrationId: ctx.migrationId,
    mode: ctx.mode,
    runId: ctx.runId,
    startedAt,
    finishedAt: ctx.input.now().toISOString(),
    outcome,
    perEntity: snapshot.perEntity,
    requests: snapshot.requests,
    failures: failures.length,
    failuresCsv: failuresCsv(failures),
    ...(links ? { links } : {}),
  };
}
