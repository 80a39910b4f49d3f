/**
 * A report built from what the store holds (checkpoints and record errors), for a
 * migration stopped without the engine's own report: cancelled while paused, or an
 * engine that returned none. Same shape as the engine's report.
 */
import { DEFAULT_PHASE, type Stores } from "../core/store/index.js";
import { MAX_FAILURES_CSV_CHARS, type MigrationReport } from "./jobs.js";

const PAGE = 500;

/** One CSV cell: quoted when needed; a leading = + - @ is defused for spreadsheets. */
export function csvCell(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\n\r]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/** The failed records of a migration as CSV, cut at `maxChars`; null if none failed. */
export async function failuresCsv(
  stores: Pick<Stores, "recordErrors">,
  migrationId: string,
  maxChars = MAX_FAILURES_CSV_CHARS,
): Promise<string | null> {
  const lines = ["entity,source_id,kind,code,path,message,attempts"];
  let size = lines[0]!.length + 1;
  let after: string | undefined;
  for (;;) {
    const page = await stores.recordErrors.list(migrationId, {
      limit: PAGE,
      ...(after ? { after } : {}),
    });
    for (const e of page) {
      const line = [
        e.entity,
        e.sourceId,
        e.kind,
        e.code ?? "",
        e.path ?? "",
        e.message,
        String(e.attempts),
      ]
        .map(csvCell)
        .join(",");
      if (size + line.length + 1 > maxChars) return `${lines.join("\n")}\n`;
      lines.push(line);
      size += line.length + 1;
    }
    if (page.length < PAGE) break;
    after = page[page.length - 1]?.id;
  }
  return lines.length === 1 ? null : `${lines.join("\n")}\n`;
}

/** Totals per entity from the copy-phase checkpoints, plus the failures CSV. */
export async function reportFromStore(
  stores: Pick<Stores, "checkpoints" | "recordErrors">,
  migrationId: string,
  extra: { requests: number; durationMs: number | null },
): Promise<MigrationReport> {
  const checkpoints = await stores.checkpoints.listByMigration(migrationId);
  const entities = checkpoints
    .filter((c) => c.phase === DEFAULT_PHASE)
    .map((c) => ({
      entity: c.entity,
      read: c.read,
      written: c.written,
      failed: c.failed,
      skipped: c.skipped,
      total: c.total,
    }));
  return {
    entities,
    requests: extra.requests,
    durationMs: extra.durationMs,
    failuresCsv: await failuresCsv(stores, migrationId),
    links: [],
  };
}
