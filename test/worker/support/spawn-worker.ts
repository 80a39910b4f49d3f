/**
 * Starts `worker-process.ts` as a separate Node process (tsx), serves it the test's
 * stores over loopback (core/store/remote, standing in for MongoDB, which cannot run
 * on the project machines) and resolves once its worker is listening.
 */
import { fork, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import type { Stores } from "../../../core/store/index.js";
import { startStoreServer } from "../../../core/store/remote/store-server.js";
import { REDIS_URL } from "./redis.js";
import type { TestWorkerOptions } from "./worker-process.js";

export interface WorkerChild {
  child: ChildProcess;
  pid: number;
  /** Resolves when the process ends, with its exit code or signal and the time. */
  exited: Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>;
  /** Messages the child sent (besides store calls), e.g. `{ kind: "stopped", forced }`. */
  messages: unknown[];
  kill(signal: NodeJS.Signals): void;
}

const entry = fileURLToPath(new URL("./worker-process.ts", import.meta.url));

export const TEST_WORKER_DEFAULTS: Omit<TestWorkerOptions, "name" | "prefix" | "storeUrl"> = {
  redisUrl: REDIS_URL,
  concurrency: 2,
  shutdownTimeoutMs: 5_000,
  lockDurationMs: 2_000,
  stalledIntervalMs: 1_000,
  controlPollMs: 1_000,
  progressIntervalMs: 200,
  policy: { ratePerSec: 1_000, burst: 100 },
};

export async function spawnWorker(
  stores: Stores,
  options: Partial<Omit<TestWorkerOptions, "storeUrl">> &
    Pick<TestWorkerOptions, "name" | "prefix">,
): Promise<WorkerChild> {
  const server = await startStoreServer(stores);
  const full: TestWorkerOptions = { ...TEST_WORKER_DEFAULTS, ...options, storeUrl: server.url };
  const child = fork(entry, [], {
    execArgv: ["--import", "tsx"],
    env: { ...process.env, PEREEZD_TEST_WORKER: JSON.stringify(full) },
    stdio: ["ignore", "inherit", "inherit", "ipc"],
  });
  const messages: unknown[] = [];
  const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null; at: number }>(
    (resolve) =>
      child.once("exit", (code, signal) => {
        void server.close();
        resolve({ code, signal, at: Date.now() });
      }),
  );
  await new Promise<void>((resolve, reject) => {
    const timer = setTimeout(
      () => reject(new Error(`${full.name} did not start within 20 s`)),
      20_000,
    );
    child.on("message", (m: unknown) => {
      if (typeof m !== "object" || m === null) return;
      messages.push(m);
      if ((m as { kind?: string }).kind === "ready") {
        clearTimeout(timer);
        resolve();
      }
    });
    void exited.then(({ code }) => {
      clearTimeout(timer);
      reject(new Error(`${full.name} exited with ${code} before it was ready`));
    });
  });
  return {
    child,
    pid: child.pid!,
    exited,
    messages,
    kill: (signal) => {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
  };
}
