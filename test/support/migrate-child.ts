/**
 * Entry of a migrating child process (started by `spawn-migration.ts` with
 * `node --import tsx`): the engine runs here against the parent's stores
 * (served over HTTP), so the parent can SIGKILL this process at any moment and
 * the state survives, as it does in MongoDB. Options come as JSON in
 * PEREEZD_MIGRATE_CHILD; progress and the result go back over the IPC channel.
 */
import { isPereezdError } from "../../core/errors.js";
import { createRemoteStores } from "../../core/store/remote/remote-stores.js";
import { runEngine, writtenOf, type EngineMode } from "./run-engine.js";

/** What the parent passes. */
export interface MigrateChildOptions {
  storeUrl: string;
  keyHex: string;
  allowedHosts: string[];
  timeScale: number;
  migrationId: string;
  mode?: EngineMode;
  pilotSize?: number;
  runId?: string;
}

/** What the child reports. */
export type ChildMessage =
  | { kind: "ready"; pid: number }
  | { kind: "progress"; written: number; phase: string; entity: string | null }
  | {
      kind: "done";
      outcome: string;
      written: number;
      failures: number;
      requests: { source: number; target: number } | null;
      elapsedMs: number;
      maxRssKb: number;
    }
  | {
      kind: "failed";
      error: { kind: string | null; code: string | null; message: string; side: string | null };
    };

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) => {
    if (process.send === undefined) resolve();
    else process.send(message, () => resolve());
  });

const options = JSON.parse(process.env.PEREEZD_MIGRATE_CHILD ?? "{}") as MigrateChildOptions;
await send({ kind: "ready", pid: process.pid });
const started = performance.now();
try {
  const result = await runEngine({
    ...options,
    stores: createRemoteStores(options.storeUrl),
    onProgress: (s) =>
      void send({ kind: "progress", written: writtenOf(s), phase: s.phase, entity: s.entity }),
  });
  const written = Object.values(result.report.perEntity).reduce((n, c) => n + (c?.written ?? 0), 0);
  await send({
    kind: "done",
    outcome: result.outcome,
    written,
    failures: result.report.failures,
    requests: result.report.requests,
    elapsedMs: performance.now() - started,
    maxRssKb: process.resourceUsage().maxRSS,
  });
} catch (error) {
  const e = isPereezdError(error) ? error : null;
  const side = e?.details?.side;
  await send({
    kind: "failed",
    error: {
      kind: e?.kind ?? null,
      code: e?.code ?? null,
      message: error instanceof Error ? error.message : String(error),
      side: typeof side === "string" ? side : null,
    },
  });
  process.exitCode = 1;
}
process.disconnect?.();
