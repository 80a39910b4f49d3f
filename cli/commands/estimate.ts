/**
 * `estimate --from URL --to URL`: what a migration would cost before anything
 * moves (DESIGN.md §1 step 5): records per entity (one count request each),
 * read, write and setup requests, the duration at the target's documented rate,
 * and the share of the yearly call quota. Stores nothing, writes nothing.
 */
import { discover, estimate } from "../../core/engine/index.js";
import { inspectPortals } from "../../core/service/index.js";
import type { CliArgs } from "../args.js";
import { readMappingFile } from "../mapping-file.js";
import { duration, type Out } from "../output.js";
import { portalInput } from "../portals.js";
import type { CliRuntime } from "../runtime.js";
import { timeZoneOf } from "./common.js";

const int = (n: number) => n.toLocaleString("en-US");

/** See the module comment; exit code 0 unless a portal refuses. */
export async function estimateCommand(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  const timeZone = timeZoneOf(args, rt);
  const mapping =
    args.mappingFile === undefined ? undefined : await readMappingFile(args.mappingFile);
  const source = portalInput(rt, "source", args.from!, args.fromDeployment);
  const target = portalInput(rt, "target", args.to!, args.toDeployment);
  const inspection = await inspectPortals({
    source: source.connector,
    target: target.connector,
    entities: args.entities,
    ...(mapping === undefined ? {} : { mapping }),
    timeZone,
  });
  const found = await discover(source.connector, {
    entities: inspection.entities,
    accountName: inspection.checks.source.accountName,
  });
  const result = estimate({
    counts: found.counts,
    source: source.connector.costModel,
    target: target.connector.costModel,
    mapping: inspection.mapping,
  });
  if (args.json) {
    out.json({
      source: inspection.checks.source.accountName,
      target: inspection.checks.target.accountName,
      estimate: result,
    });
    return 0;
  }
  out.info(`${inspection.checks.source.accountName} → ${inspection.checks.target.accountName}`);
  out.info(
    `  ${"entity".padEnd(10)} ${"records".padStart(10)} ${"reads".padStart(7)} ${"writes".padStart(7)}`,
  );
  for (const [entity, e] of Object.entries(result.perEntity)) {
    if (e === undefined) continue;
    out.info(
      `  ${entity.padEnd(10)} ${int(e.records).padStart(10)} ${int(e.readRequests).padStart(7)} ${int(e.writeRequests).padStart(7)}`,
    );
  }
  out.info(
    `  setup requests ${int(result.setupRequests)} · total ${int(result.totalRequests)} requests`,
  );
  out.info(
    `  about ${duration(result.durationSeconds)} at the portals' rate limits · ${(result.quotaShare * 100).toFixed(2)} % of the yearly call quota`,
  );
  return 0;
}
