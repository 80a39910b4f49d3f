/**
 * `mapping --from URL --to URL --out FILE`: the field mapping Pereezd would use,
 * as the JSON file an operator edits and passes back with `migrate --mapping`.
 * Fields matched by code, name and type; mismatches get a proposed fix. Stores
 * nothing in the state and writes nothing to either portal.
 */
import { writeFile } from "node:fs/promises";
import { invalidInput } from "../../core/errors.js";
import { serializeMapping } from "../../core/mapping/index.js";
import { inspectPortals } from "../../core/service/index.js";
import type { CliArgs } from "../args.js";
import type { Out } from "../output.js";
import { portalInput } from "../portals.js";
import type { CliRuntime } from "../runtime.js";
import { timeZoneOf } from "./common.js";

/** See the module comment; lists the fields worth a look on stderr. */
export async function mappingCommand(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  const timeZone = timeZoneOf(args, rt);
  const source = portalInput(rt, "source", args.from!, args.fromDeployment);
  const target = portalInput(rt, "target", args.to!, args.toDeployment);
  const inspection = await inspectPortals({
    source: source.connector,
    target: target.connector,
    entities: args.entities,
    timeZone,
  });
  const file = args.out!;
  try {
    await writeFile(file, serializeMapping(inspection.mapping), "utf8");
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code ?? "error";
    throw invalidInput(`--out ${file}: cannot write the file (${code})`, { code: "mapping_file" });
  }
  const review = Object.entries(inspection.review).map(([entity, items]) => ({
    entity,
    fields: (items ?? [])
      .filter((i) => i.kind !== "matched" && i.kind !== "skipped")
      .map(
        (i) =>
          `${i.source?.code ?? i.target?.code ?? i.target?.label ?? "?"} (${i.kind.replaceAll("_", " ")})`,
      ),
  }));
  if (args.json) out.json({ out: file, review });
  const rules = Object.values(inspection.mapping.entities).reduce((n, e) => n + e.fields.length, 0);
  out.info(`Wrote ${rules} field rules to ${file}`);
  for (const r of review)
    if (r.fields.length > 0) out.info(`  ${r.entity}: check ${r.fields.join(", ")}`);
  return 0;
}
