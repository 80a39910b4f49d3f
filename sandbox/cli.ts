/**
 * `npm run sandbox -- <service> [options]`: run one local emulator until Ctrl+C.
 * Services: `bitrix24` (see bitrix24/cli.ts).
 */
import { runBitrix24Cli } from "./bitrix24/cli.js";

const SERVICES: Record<string, (args: readonly string[]) => Promise<void>> = {
  bitrix24: runBitrix24Cli,
};

async function main(argv: readonly string[]): Promise<void> {
  const [service, ...rest] = argv;
  const run = service === undefined ? undefined : SERVICES[service];
  if (!run) {
    console.error(
      `Usage: npm run sandbox -- <${Object.keys(SERVICES).join("|")}> [options] (--help)`,
    );
    process.exitCode = 2;
    return;
  }
  await run(rest);
}

main(process.argv.slice(2)).catch((error: unknown) => {
  console.error(error instanceof Error ? error.message : error);
  process.exitCode = 1;
});
