/**
 * The benchmark's table and what each column means. Utilisation is measured
 * against the target portal's rate (writes are the bottleneck: 50 per request
 * against 2,500 rows per read, and reads go to the other portal's budget), both
 * the documented 2 req/s and the 95 % our limiter deliberately runs at; the
 * share with both portals' requests over one portal's rate is shown as well.
 * With the operating limit on, the per-method budget rather than the rate bounds
 * writes, so the share of that budget used and the binding limit's share are shown
 * too (bench/limit-use.ts).
 */
import { RATE_FACTOR } from "../core/ratelimit/index.js";
import type { Figures } from "./scenario.js";

/** Bitrix24 cloud: drain 2 requests per second (https://apidocs.bitrix24.com/limits.html). */
export const DOCUMENTED_RATE = 2;

export interface Row {
  label: string;
  figures: Figures;
}

const fmt = (n: number, digits = 0) =>
  n.toLocaleString("en-US", { minimumFractionDigits: digits, maximumFractionDigits: digits });
const pct = (x: number) => `${(x * 100).toFixed(1)} %`;
const pctOr = (x: number | null, none: string) => (x === null ? none : pct(x));

/** Derived figures of one row. */
export function derive(f: Figures) {
  const requests = f.requests.source + f.requests.target;
  const allowed = DOCUMENTED_RATE * f.timeScale;
  const seconds = Math.max(f.elapsedSeconds, 1e-9);
  return {
    requests,
    perThousand: (requests * 1000) / f.records,
    minimumPerThousand: (f.minimum * 1000) / f.records,
    ratio: requests / f.minimum,
    usedDocumented: f.requests.target / (seconds * allowed),
    usedLimiter: f.requests.target / (seconds * allowed * RATE_FACTOR),
    usedAllDocumented: requests / (seconds * allowed),
    recordsPerSecond: f.records / (seconds * f.timeScale),
  };
}

const COLUMNS = [
  ["scenario", 18],
  ["records", 9],
  ["requests", 9],
  ["per 1k", 7],
  ["min/1k", 7],
  ["ratio", 6],
  ["used/2/s", 9],
  ["used/1.9/s", 10],
  ["all/2/s", 8],
  ["ops used", 8],
  ["bound used", 10],
  ["rec/s", 7],
  ["elapsed", 9],
  ["peak RSS", 9],
  ["503/429", 8],
  ["exact", 5],
] as const;

/** The table, one row per scenario, columns as in `LEGEND`. */
export function renderTable(rows: readonly Row[]): string {
  const line = (cells: readonly string[]) =>
    cells
      .map((c, i) => (i === 0 ? c.padEnd(COLUMNS[i][1]) : c.padStart(COLUMNS[i]![1])))
      .join("  ");
  const out = [line(COLUMNS.map(([h]) => h))];
  for (const { label, figures: f } of rows) {
    const d = derive(f);
    out.push(
      line([
        label,
        fmt(f.records),
        fmt(d.requests),
        fmt(d.perThousand, 2),
        fmt(d.minimumPerThousand, 2),
        d.ratio.toFixed(3),
        pct(d.usedDocumented),
        pct(d.usedLimiter),
        pct(d.usedAllDocumented),
        pctOr(f.limitUse.operatingShare, "off"),
        pctOr(f.limitUse.boundShare, "n/a"),
        fmt(d.recordsPerSecond, 1),
        `${fmt(f.elapsedSeconds, 1)} s`,
        `${fmt(f.peakRssMb)} MB`,
        `${f.refused.rate}/${f.refused.operating}`,
        f.exact === null ? "n/a" : f.exact ? "yes" : "NO",
      ]),
    );
  }
  return out.join("\n");
}

/** Per scenario and entity: the write methods, their operating seconds and spans, both shares. */
export function renderEntities(rows: readonly Row[]): string {
  const out: string[] = [];
  for (const { label, figures: f } of rows) {
    const parts = f.limitUse.entities.map((e) => {
      const methods = e.methods
        .map((m) => `${m.method} ${fmt(m.operatingSeconds)} s/${fmt(m.spanSeconds)} s`)
        .join(" + ");
      const ops =
        e.operatingShare === null || e.operatingTimeShare === null
          ? ""
          : `, ops ${pct(e.operatingShare)}, least time the budget forces ${pct(e.operatingTimeShare)} of the span`;
      return `  ${e.entity.padEnd(8)} ${methods}; ${fmt(e.requests)} requests over ${fmt(e.spanSeconds)} s: rate ${pctOr(e.rateShare, "n/a")}${ops}`;
    });
    out.push(`${label}:`, ...parts);
  }
  return out.join("\n");
}

export const LEGEND = `requests   HTTP requests the sandbox counted on both portals (source + target), setup included
per 1k     requests per 1,000 records; min/1k the theoretical minimum: reads ceil(n/2500) + writes
           ceil(n/50) per entity + setup (3 per entity + field creation, core/engine estimate)
ratio      requests / minimum (target: <= 1.1)
used/2/s   target requests / (elapsed x documented 2 req/s x time scale) (target: >= 90 %)
used/1.9/s the same against the 95 % of the rate our limiter runs at on purpose; a run starts with
           the limiter's bucket full (40 = 80 % of the burst of 50), so short runs show over 100 %
all/2/s    both portals' requests over one portal's documented rate (reads use the source's own budget)
ops used   share of the target's operating-time budget the record writes used, all from what the
           target sandbox counted. Per write method m of an entity (crm.<entity>.add/update, and
           crm.item.add/update/import/batchImport naming its entityTypeId): O_m operating seconds
           charged, T_m service seconds it was active (first start to last finish, real x time
           scale). A sliding window of W = 600 s with a budget of L = 480 s lets at most
           L x (1 + T_m/W) through in T_m, so the entity's share is sum O_m / sum L(1 + T_m/W) over
           its write methods (two methods at once: their combined budget); conservative, though the
           call that crosses the limit still runs (the check comes first). Run figure: mean over
           entities weighted by their write span (first write start to last write finish, service
           seconds). "off": the operating limit was off
bound used limit-bound use: per entity max(rate share, operating time share), mean over entities
           weighted by span (target: >= 90 %). Rate share: target requests the rate limit admitted
           inside the entity's write span / (2 req/s x span). Operating time share: the least time
           the budget forces / span; k methods spend at most k x 1.01 L per window W (1 % for the
           call that crosses the line), so spending sum O takes at least W x (n - 1) with
           n = ceil(sum O / (k x 1.01 L)), plus what is left after that at 2 req/s (at the entity's
           average operating seconds per request). With the operating limit off it is the rate
           share alone; a short span can pass 100 % on the burst of 50
rec/s      records per second in real (unscaled) time: records / (elapsed x time scale)
elapsed    wall time of the run in the migrating process (start-up and preparation excluded)
peak RSS   maximum resident set of the migrating process (target: < 300 MB, flat with size)
503/429    rate-limit / operating-limit refusals the sandbox had to answer
exact      one target record per source record, no strays, links and responsible users right`;
