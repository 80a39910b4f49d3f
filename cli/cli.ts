/**
 * One command line, start to finish: parse it, build the runtime, run the
 * command, and turn any failure into one line on stderr and a distinct exit
 * code (see `HELP`). Progress goes to stderr; `--json` puts the final report
 * alone on stdout. `main.ts` is the process entry; tests call `runCli` with
 * their own output and state.
 */
import type { Stores } from "../core/store/index.js";
import { HELP, parseCliArgs, type CliArgs, type CommandName } from "./args.js";
import { estimateCommand } from "./commands/estimate.js";
import { mappingCommand } from "./commands/mapping.js";
import { migrate } from "./commands/migrate.js";
import { delta, resume, rollbackCommand } from "./commands/stored.js";
import { explain } from "./messages.js";
import { processOut, type Out } from "./output.js";
import { createCliRuntime, type CliRuntime } from "./runtime.js";

type Command = (args: CliArgs, rt: CliRuntime, out: Out) => Promise<number>;

const COMMANDS: Record<Exclude<CommandName, "help">, Command> = {
  migrate,
  estimate: estimateCommand,
  mapping: mappingCommand,
  resume,
  delta,
  rollback: rollbackCommand,
};

export interface CliDeps {
  out?: Out;
  env?: NodeJS.ProcessEnv;
  /** Stores to use instead of opening them (tests keep state between command lines). */
  stores?: Stores;
}

/** Runs one command line; resolves with the exit code. */
export async function runCli(argv: readonly string[], deps: CliDeps = {}): Promise<number> {
  const out = deps.out ?? processOut();
  let args: CliArgs | undefined;
  let rt: CliRuntime | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.command === "help") {
      out.text(HELP);
      return 0;
    }
    rt = await createCliRuntime({
      env: deps.env ?? process.env,
      verbose: args.verbose,
      ...(args.state ? { state: args.state } : {}),
      ...(deps.stores ? { stores: deps.stores } : {}),
    });
    return await COMMANDS[args.command](args, rt, out);
  } catch (error) {
    const { line, exitCode } = explain(error, args?.mappingFile);
    out.info(`Error: ${line}`);
    return exitCode;
  } finally {
    await rt?.close().catch(() => undefined);
  }
}
