/**
 * Entry of the operator CLI: `npm run cli -- <command>` (tsx) or, in the built
 * image, `node dist/cli/main.js <command>`. See `cli.ts` and `args.ts` (HELP).
 */
import { runCli } from "./cli.js";

const code = await runCli(process.argv.slice(2));
// Idle keep-alive sockets must not hold the process open; stdout is flushed first.
process.stdout.write("", () => process.exit(code));
