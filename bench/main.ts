/**
 * `npm run bench`: Bitrix24 → Bitrix24 between two sandbox portals with their
 * documented request-rate limit on (time-scaled), at several sizes, each moved
 * by a separate child process, plus the naive way at a smaller size — then a
 * table of requests against the theoretical minimum, the share of the allowed
 * rate used, speed and peak memory (DESIGN.md §5).
 *
 * Options: --sizes 10000,50000,200000  --time-scale N  --naive-size N
 *          --operating (also enforce the sandbox's per-method operating-time limit)
 *          --heap-mb N (V8 old-space cap of the migrating process; 0 = Node's default)
 */
import { parseArgs } from "node:util";
import { runScenario, type Figures } from "./scenario.js";
import { LEGEND, renderTable, type Row } from "./table.js";

const { values } = parseArgs({
  options: {
    sizes: { type: "string", default: "10000,50000,200000" },
    "time-scale": { type: "string", default: "8" },
    "naive-size": { type: "string", default: "1000" },
    operating: { type: "boolean", default: false },
    "heap-mb": { type: "string", default: "192" },
  },
});
const positive = (name: string, raw: string) => {
  const n = Number(raw);
  if (!Number.isFinite(n) || n <= 0)
    throw new Error(`--${name} must be a positive number, got "${raw}"`);
  return n;
};
const sizes = values.sizes.split(",").map((s) => Math.floor(positive("sizes", s.trim())));
const timeScale = positive("time-scale", values["time-scale"]);
const naiveSize = Math.floor(positive("naive-size", values["naive-size"]));
const operating = values.operating;
const heapMb = Number(values["heap-mb"]);
if (!Number.isInteger(heapMb) || heapMb < 0)
  throw new Error(`--heap-mb must be 0 or more, got "${values["heap-mb"]}"`);
const heapText =
  heapMb > 0
    ? `migrating process heap capped at ${heapMb} MB (--max-old-space-size)`
    : "Node's default heap";

const say = (line: string) => process.stderr.write(`${line}\n`);
say(
  `Bitrix24 → Bitrix24 benchmark: time scale ×${timeScale} (the sandbox's limits and our limiter ${timeScale} times faster), ` +
    `request-rate limit on (2 req/s, burst 50), operating-time limit ${operating ? "on" : "off"}, ${heapText}`,
);

const rows: Row[] = [];
const run = async (label: string, size: number, naive: boolean) => {
  const started = Date.now();
  say(`… ${label}: ${size.toLocaleString("en-US")} records`);
  const figures: Figures = await runScenario({ size, timeScale, operating, naive, heapMb });
  rows.push({ label, figures });
  say(
    `  done in ${((Date.now() - started) / 1000).toFixed(0)} s (run ${figures.elapsedSeconds.toFixed(1)} s)`,
  );
};

for (const size of sizes) await run(`batched ${size.toLocaleString("en-US")}`, size, false);
await run(`batched ${naiveSize.toLocaleString("en-US")}`, naiveSize, false);
await run(`naive ${naiveSize.toLocaleString("en-US")}`, naiveSize, true);

process.stdout.write(
  `\nTime scale ×${timeScale}; request-rate limit on; operating-time limit ${operating ? "on" : "off"}; ${heapText}\n\n` +
    `${renderTable(rows)}\n\n${LEGEND}\n`,
);
