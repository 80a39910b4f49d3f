/**
 * `npm run bench`: Bitrix24 → Bitrix24 between two sandbox portals, each scenario
 * moved by a separate child process, then two tables (DESIGN.md §5):
 *   (a) the request-rate limit only (2 req/s, burst 50), time scale ×8, at several
 *       sizes, plus the naive way at a smaller size;
 *   (b) the cloud as it is: the per-method operating-time limit on as well (480 s
 *       of execution per method per 10 minutes), time scale ×20.
 * Each prints requests against the theoretical minimum, the share of the allowed
 * rate and of the operating budget used, speed and peak memory.
 *
 * Options: --tables rate,operating (which tables)
 *          --sizes 10000,50000,200000  --time-scale 8  --naive-size 1000 (0 = none)   (table a)
 *          --operating-sizes 10000,50000,200000  --operating-time-scale 20             (table b)
 *          --heap-mb N (V8 old-space cap of the migrating process; 0 = Node's default)
 */
import { parseArgs } from "node:util";
import { runScenario } from "./scenario.js";
import { LEGEND, renderEntities, renderTable, type Row } from "./table.js";

const { values } = parseArgs({
  options: {
    tables: { type: "string", default: "rate,operating" },
    sizes: { type: "string", default: "10000,50000,200000" },
    "time-scale": { type: "string", default: "8" },
    "naive-size": { type: "string", default: "1000" },
    "operating-sizes": { type: "string", default: "10000,50000,200000" },
    "operating-time-scale": { type: "string", default: "20" },
    "heap-mb": { type: "string", default: "0" },
  },
});
const positive = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
};
const wholeOrZero = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 0) throw new Error(`--${name} must be 0 or more, got "${raw}"`);
  return n;
};
const sizesOf = (name: "sizes" | "operating-sizes") =>
  values[name].split(",").map((s) => Math.floor(positive(name, s.trim())));
const tables = new Set(values.tables.split(",").map((t) => t.trim()));
for (const t of tables)
  if (t !== "rate" && t !== "operating")
    throw new Error(`--tables takes rate and/or operating, got "${t}"`);
const heapMb = wholeOrZero("heap-mb", values["heap-mb"]);
const heapText =
  heapMb > 0
    ? `migrating process heap capped at ${heapMb} MB (--max-old-space-size)`
    : "Node's default heap";
const say = (line: string) => process.stderr.write(`${line}\n`);
const count = (n: number) => n.toLocaleString("en-US");

/** Runs one table's scenarios in turn, each in its own process. */
async function runTable(timeScale: number, operating: boolean, sizes: number[], naiveSize: number) {
  const rows: Row[] = [];
  const run = async (label: string, size: number, naive: boolean) => {
    const started = Date.now();
    say(
      `… ${label}: ${count(size)} records, ×${timeScale}, operating limit ${operating ? "on" : "off"}`,
    );
    const figures = await runScenario({ size, timeScale, operating, naive, heapMb });
    rows.push({ label, figures });
    say(
      `  done in ${((Date.now() - started) / 1000).toFixed(0)} s (run ${figures.elapsedSeconds.toFixed(1)} s)`,
    );
  };
  for (const size of sizes) await run(`batched ${count(size)}`, size, false);
  if (naiveSize > 0) {
    await run(`batched ${count(naiveSize)}`, naiveSize, false);
    await run(`naive ${count(naiveSize)}`, naiveSize, true);
  }
  return rows;
}

say(`Bitrix24 → Bitrix24 benchmark, ${heapText}`);
const started = Date.now();
const out: string[] = [];
if (tables.has("rate")) {
  const timeScale = positive("time-scale", values["time-scale"]);
  const naiveSize = wholeOrZero("naive-size", values["naive-size"]);
  const rows = await runTable(timeScale, false, sizesOf("sizes"), naiveSize);
  out.push(
    `(a) Request-rate limit only (2 req/s, burst 50; operating-time limit off). Time scale ×${timeScale}; ${heapText}`,
    "",
    renderTable(rows),
    "",
  );
}
if (tables.has("operating")) {
  const timeScale = positive("operating-time-scale", values["operating-time-scale"]);
  const rows = await runTable(timeScale, true, sizesOf("operating-sizes"), 0);
  out.push(
    `(b) Cloud: request-rate limit and operating-time limit (480 s per method per 600 s). Time scale ×${timeScale}; ${heapText}`,
    "",
    renderTable(rows),
    "",
    "Write phases of (b) on the target: per method operating seconds charged / service seconds active",
    renderEntities(rows),
    "",
  );
}
say(`bench done in ${((Date.now() - started) / 60_000).toFixed(1)} min`);
process.stdout.write(`\n${out.join("\n")}\n${LEGEND}\n`);
