/**
 * Entry of the operator CLI (`npm run cli -- <command>`, `node dist/cli/main.js`):
 * parse the command line, build the runtime, run the command, and turn any
 * failure into one line on stderr and a distinct exit code (see `HELP`).
 * Progress goes to stderr; `--json` puts the final report alone on stdout.
 */
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

/** Runs one command line; resolves with the exit code. */
export async function main(argv: readonly string[], out: Out = processOut()): Promise<number> {
  let args: CliArgs | undefined;
  let rt: CliRuntime | undefined;
  try {
    args = parseCliArgs(argv);
    if (args.command === "help") {
      process.stdout.write(HELP);
      return 0;
    }
    rt = await createCliRuntime({ env: process.env, verbose: args.verbose, ...(args.state ? { state: args.state } : {}) });
    return await COMMANDS[args.command](args, rt, out);
  } catch (error) {
    const { line, exitCode } = explain(error, args?.mappingFile);
    out.info(`Error: ${line}`);
    return exitCode;
  } finally {
    await rt?.close().catch(() => undefined);
  }
}

const code = await main(process.argv.slice(2));
// Idle keep-alive sockets must not hold the process open; stdout is flushed first.
process.stdout.write("", () => process.exit(code));
