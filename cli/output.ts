/**
 * What the CLI prints: progress lines on stderr while a run goes (throttled, one
 * line each), and the final report — a short table for people, or JSON on
 * stdout with `--json` for scripts. Nothing printed here carries a secret: the
 * portals are named by host and the reports hold no credentials.
 */
import type { ProgressSnapshot, RunReport } from "../core/engine/index.js";

export interface Out {
  /** Human lines: stderr. */
  info(line: string): void;
  /** Machine output (JSON): stdout. */
  json(value: unknown): void;
  /** Text asked for on stdout (help). */
  text(text: string): void;
}

/** Human lines to stderr, JSON and help to stdout. */
export function processOut(): Out {
  return {
    info: (line) => void process.stderr.write(`${line}\n`),
    json: (value) => void process.stdout.write(`${JSON.stringify(value, null, 2)}\n`),
    text: (text) => void process.stdout.write(text),
  };
}

const int = (n: number) => Math.round(n).toLocaleString("en-US");

/** `42s`, `3m07s`, `2h05m`. */
export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return "?";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.floor(s / 60);
  if (m < 60) return `${m}m${String(s % 60).padStart(2, "0")}s`;
  return `${Math.floor(m / 60)}h${String(m % 60).padStart(2, "0")}m`;
}

/** A progress printer: a line on every phase or entity change, else at most every `everyMs`. */
export function progressPrinter(out: Out, everyMs = 2_000): (s: ProgressSnapshot) => void {
  let last = 0;
  let lastKey = "";
  return (s) => {
    const key = `${s.phase}:${s.entity ?? ""}`;
    const now = Date.now();
    if (key === lastKey && now - last < everyMs && s.phase !== "done") return;
    last = now;
    lastKey = key;
    const counts = s.entity === null ? undefined : s.perEntity[s.entity];
    const entity =
      counts === undefined
        ? ""
        : ` ${s.entity} ${int(counts.done)}/${counts.total === null ? "?" : int(counts.total)}`;
    const requests =
      s.requests === null ? "" : ` · ${int(s.requests.source + s.requests.target)} requests`;
    const rate = s.recordsPerSecond > 0 ? ` · ${int(s.recordsPerSecond)} records/s` : "";
    const eta = s.etaSeconds === null ? "" : ` · ETA ${duration(s.etaSeconds)}`;
    out.info(`[${s.phase}]${entity}${requests}${rate}${eta}`);
  };
}

/** The report as a few lines for people. */
export function reportLines(report: RunReport): string[] {
  const lines = [`${report.mode} run ${report.runId}: ${report.outcome}`];
  for (const [entity, c] of Object.entries(report.perEntity)) {
    if (c === undefined) continue;
    const parts = [
      `${int(c.written)} written`,
      c.removed > 0 ? `${int(c.removed)} removed` : "",
      c.skipped > 0 ? `${int(c.skipped)} already there` : "",
      c.failed > 0 ? `${int(c.failed)} failed` : "",
      c.warnings > 0 ? `${int(c.warnings)} with warnings` : "",
    ].filter(Boolean);
    lines.push(
      `  ${entity.padEnd(10)} ${c.total === null ? "" : `${int(c.total)} · `}${parts.join(" · ")}`,
    );
  }
  const seconds = (Date.parse(report.finishedAt) - Date.parse(report.startedAt)) / 1000;
  const requests =
    report.requests === null
      ? ""
      : ` · requests: ${int(report.requests.source)} source + ${int(report.requests.target)} target`;
  lines.push(`  took ${duration(seconds)}${requests}`);
  if (report.failures > 0)
    lines.push(`  ${int(report.failures)} records failed (see --failures-csv or --json)`);
  for (const link of report.links ?? []) {
    if (link.url !== null) lines.push(`  ${link.entity} ${link.sourceId} → ${link.url}`);
  }
  return lines;
}
