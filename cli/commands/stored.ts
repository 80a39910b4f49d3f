/**
 * Commands on a stored migration (`--migration ID`): `resume` continues what
 * stopped — the pilot or the run in progress, else the full run — optionally
 * with new webhook links checked and sealed over the old ones first; `delta`
 * moves what changed since the last successful run; `rollback` removes what the
 * migration (or `--run pilot-N`) created in the target.
 */
import { readEngineState } from "../../core/engine/index.js";
import { replaceCredentials, type Side } from "../../core/service/index.js";
import type { CliArgs } from "../args.js";
import type { Out } from "../output.js";
import { portalInput } from "../portals.js";
import { loadMigration, runStored, type RunKind } from "../run-stored.js";
import type { CliRuntime } from "../runtime.js";

const common = (args: CliArgs) => ({
  ...(args.failuresCsv === undefined ? {} : { failuresCsv: args.failuresCsv }),
  json: args.json,
});

/** Continues migration `--migration`, after swapping in any new links given. */
export async function resume(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  const migration = await loadMigration(rt, args.migrationId!);
  const given: Array<[Side, string | undefined]> = [
    ["source", args.from],
    ["target", args.to],
  ];
  for (const [side, url] of given) {
    if (url === undefined) continue;
    const input = portalInput(
      rt,
      side,
      url,
      side === "source" ? args.fromDeployment : args.toDeployment,
    );
    const connection = await replaceCredentials({
      stores: rt.stores,
      box: rt.box,
      connectionId: side === "source" ? migration.sourceConnectionId : migration.targetConnectionId,
      settings: input.settings,
      connector: input.connector,
    });
    out.info(`New credentials for ${connection.label} checked and stored`);
  }
  const state = readEngineState(migration);
  const kind: RunKind =
    state.pilot !== undefined ? "pilot" : state.active?.mode === "delta" ? "delta" : "full";
  out.info(`Resuming the ${kind === "full" ? "full run" : kind} of migration ${migration.id}`);
  return runStored(rt, out, migration.id, { kind, ...common(args) });
}

/** Moves what changed since the last successful run. */
export function delta(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  return runStored(rt, out, args.migrationId!, { kind: "delta", ...common(args) });
}

/** Removes what the migration, or `--run`, created in the target. */
export function rollbackCommand(args: CliArgs, rt: CliRuntime, out: Out): Promise<number> {
  return runStored(rt, out, args.migrationId!, {
    kind: "rollback",
    ...(args.runId === undefined ? {} : { runId: args.runId }),
    ...common(args),
  });
}
