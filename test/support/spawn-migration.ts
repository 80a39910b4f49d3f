/**
 * Starts `migrate-child.ts` as a separate Node process (tsx) and follows what it
 * reports: progress, the result, or the error that stopped it. The parent keeps
 * the stores (served by `startStoreServer`) and the sandbox, so killing the child
 * loses nothing but the request in flight.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { ChildMessage, MigrateChildOptions } from "./migrate-child.js";

export interface MigrationChild {
  child: ChildProcess;
  messages: ChildMessage[];
  /** Resolves when the process ends. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null }>;
  /** Resolves with the first message that satisfies `test` (or null if the process ends first). */
  until(test: (message: ChildMessage) => boolean): Promise<ChildMessage | null>;
  /** The final message, once the process has ended: `done`, `failed`, or null when killed. */
  result(): Promise<Extract<ChildMessage, { kind: "done" | "failed" }> | null>;
  kill(signal: NodeJS.Signals): void;
}

const defaultEntry = fileURLToPath(new URL("./migrate-child.ts", import.meta.url));

/**
 * Forks `entry` (the test child by default) with `options` as JSON in
 * PEREEZD_MIGRATE_CHILD; `nodeFlags` go to node (e.g. `--cpu-prof` when profiling).
 */
export function spawnMigration(
  options: MigrateChildOptions | Record<string, unknown>,
  entry = defaultEntry,
  nodeFlags: readonly string[] = [],
): MigrationChild {
  const child = fork(entry, [], {
    execArgv: [...nodeFlags, "--import", "tsx"],
    env: { ...process.env, PEREEZD_MIGRATE_CHILD: JSON.stringify(options) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const messages: ChildMessage[] = [];
  const waiters: Array<{
    test: (m: ChildMessage) => boolean;
    resolve: (m: ChildMessage | null) => void;
  }> = [];
  child.on("message", (message: ChildMessage) => {
    messages.push(message);
    for (const w of [...waiters]) {
      if (!w.test(message)) continue;
      waiters.splice(waiters.indexOf(w), 1);
      w.resolve(message);
    }
  });
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) =>
    child.once("close", (code: number | null, signal: NodeJS.Signals | null) => {
      for (const w of waiters.splice(0)) w.resolve(null);
      resolve({ code, signal });
    }),
  );
  return {
    child,
    messages,
    exited,
    until(test) {
      const seen = messages.find(test);
      if (seen !== undefined) return Promise.resolve(seen);
      if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(null);
      return new Promise((resolve) => waiters.push({ test, resolve }));
    },
    async result() {
      await exited;
      const last = messages.findLast((m) => m.kind === "done" || m.kind === "failed");
      return last ?? null;
    },
    kill(signal) {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
