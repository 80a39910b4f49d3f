/**
 * `migrate --from URL --to URL`: check both portals, store the migration with the
 * proposed mapping (or the one in `--mapping FILE`, checked against both schemas),
 * then run it — the whole move, or with `--pilot N` a sample of N records per
 * entity whose report links to the records it created. Every refusal comes
 * before the first write, so a bad link, code, scope or mapping changes nothing.
 */
import { prepareMigration } from "../../core/service/index.js";
import type { CliArgs } from "../args.js";
import { readMappingFile } from "../mapping-file.js";
import type { Out } from "../output.js";
import { describeProblems } from "../messages.js";
import { portalInput } from "../portals.js";
import { runStored } from "../run-stored.js";
import type { CliRuntime } from "../runtime.js";
import { CLI_CHAT, timeZoneOf } from "./common.js";

/** See the module comment; the exit code is the run's (`runStored`). */
export async function migrate(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  const timeZone = timeZoneOf(args, rt);
  const mapping =
    args.mappingFile === undefined ? undefined : await readMappingFile(args.mappingFile);
  const source = portalInput(rt, "source", args.from!, args.fromDeployment);
  const target = portalInput(rt, "target", args.to!, args.toDeployment);
  out.info("Checking both portals (credentials, permissions, fields, users)…");
  const prepared = await prepareMigration({
    stores: rt.stores,
    box: rt.box,
    source,
    target,
    entities: args.entities,
    ...(mapping === undefined ? {} : { mapping }),
    chat: CLI_CHAT,
    language: "en",
    timeZone,
  });
  const { checks, proposed, review, warnings } = prepared.inspection;
  const id = prepared.migration.id;
  out.info(
    `Source ${checks.source.accountName} (as ${checks.source.user.name}) → target ${checks.target.accountName} (as ${checks.target.user.name})`,
  );
  const attention = Object.values(review).reduce(
    (n, items) =>
      n + (items ?? []).filter((i) => i.kind !== "matched" && i.kind !== "skipped").length,
    0,
  );
  out.info(
    proposed
      ? `Mapping: proposed automatically${attention > 0 ? `, ${attention} fields worth a look (npm run cli -- mapping --out FILE)` : ""}`
      : `Mapping: from ${args.mappingFile}${warnings.length > 0 ? ` (warnings: ${describeProblems(warnings)})` : ""}`,
  );
  out.info(
    `Migration ${id} stored (${rt.state} state)${rt.state === "memory" ? "; it is forgotten when this command ends" : ""}`,
  );
  return runStored(rt, out, id, {
    kind: args.pilot === undefined ? "full" : "pilot",
    ...(args.pilot === undefined ? {} : { pilotSize: args.pilot }),
    ...(args.failuresCsv === undefined ? {} : { failuresCsv: args.failuresCsv }),
    json: args.json,
  });
}
