/**
 * Runs the operator CLI (`cli/main.ts`) as a separate process, as an operator
 * would, and collects its exit code and output. The environment is the test's
 * own, minus state and Redis settings (each test says what it needs), so a CI
 * machine's MONGO_URL cannot change what the CLI does.
 */
import { spawn } from "node:child_process";
import { fileURLToPath } from "node:url";

export interface CliResult {
  code: number | null;
  stdout: string;
  stderr: string;
}

const entry = fileURLToPath(new URL("../../cli/main.ts", import.meta.url));

/** Runs `cli/main.ts` with `args`; rejects only when it does not finish in time. */
export function runCli(
  args: readonly string[],
  env: Record<string, string> = {},
  timeoutMs = 60_000,
): Promise<CliResult> {
  const base = { ...process.env };
  for (const name of ["MONGO_URL", "REDIS_URL", "STORE", "LOG_LEVEL", "ALLOWED_PRIVATE_HOSTS"])
    delete base[name];
  const child = spawn(process.execPath, ["--import", "tsx", entry, ...args], {
    env: { ...base, ...env },
    stdio: ["ignore", "pipe", "pipe"],
  });
  let stdout = "";
  let stderr = "";
  child.stdout.on("data", (chunk: Buffer) => (stdout += chunk.toString("utf8")));
  child.stderr.on("data", (chunk: Buffer) => (stderr += chunk.toString("utf8")));
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      child.kill("SIGKILL");
      reject(new Error(`cli ${args[0]} did not finish within ${timeoutMs} ms; stderr: ${stderr}`));
    }, timeoutMs);
    child.once("close", (code) => {
      clearTimeout(timer);
      resolve({ code, stdout, stderr });
    });
  });
}
