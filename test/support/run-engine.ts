/**
 * Runs the engine on a stored migration exactly as a worker would: connections
 * opened from the store (decrypted with the key) by `createConnectorOpener`, a
 * limiter whose policies follow each connection's deployment at the sandbox's
 * time scale, requests counted per side. Used in-process by e2e tests and by the
 * migrating child process (`migrate-child.ts`).
 */
import {
  rollback,
  runMigration,
  runPilot,
  type EngineInput,
  type ProgressSnapshot,
  type RunResult,
} from "../../core/engine/index.js";
import { silentLogger } from "../../core/logger.js";
import type { RequestMeter } from "../../core/metering/index.js";
import { createMemoryLimiter } from "../../core/ratelimit/index.js";
import { createSecretBox } from "../../core/security/secret-box.js";
import { createConnectorOpener, createPolicyRegistry } from "../../core/service/index.js";
import type { Stores } from "../../core/store/index.js";

export type EngineMode = "full" | "delta" | "pilot" | "rollback";

export interface EngineRunOptions {
  stores: Stores;
  keyHex: string;
  allowedHosts: readonly string[];
  timeScale: number;
  migrationId: string;
  mode?: EngineMode;
  pilotSize?: number;
  /** Rollback of one run only (e.g. "pilot-1"). */
  runId?: string;
  signal?: AbortSignal;
  onProgress?: (snapshot: ProgressSnapshot) => void;
}

/** Runs (or resumes) the migration in this process; errors are thrown as the engine throws them. */
export async function runEngine(options: EngineRunOptions): Promise<RunResult> {
  const policies = createPolicyRegistry(undefined, { timeScale: options.timeScale });
  const limiter = createMemoryLimiter({ policy: policies.source });
  const box = createSecretBox(Buffer.from(options.keyHex, "hex"));
  const open = createConnectorOpener({
    stores: options.stores,
    box,
    limiter,
    policies,
    allowedHosts: options.allowedHosts,
    logger: silentLogger(),
  });
  const migration = await options.stores.migrations.getById(options.migrationId);
  if (migration === null) throw new Error(`migration ${options.migrationId} not found`);
  const counts = { source: 0, target: 0 };
  const meter = (side: keyof typeof counts): RequestMeter => ({
    record: () => void counts[side]++,
  });
  const input: EngineInput = {
    migration,
    source: await open(migration.sourceConnectionId, meter("source")),
    target: await open(migration.targetConnectionId, meter("target")),
    stores: options.stores,
    signal: options.signal ?? new AbortController().signal,
    now: () => new Date(),
    requestStats: () => ({ ...counts }),
    ...(options.onProgress ? { onProgress: options.onProgress } : {}),
  };
  switch (options.mode ?? "full") {
    case "pilot":
      return runPilot(input, { size: options.pilotSize ?? 5 });
    case "rollback":
      return rollback(input, options.runId === undefined ? {} : { runId: options.runId });
    case "delta":
      return runMigration(input, { mode: "delta" });
    default:
      return runMigration(input, { mode: "full" });
  }
}

/** Records written so far in a snapshot, over all entities. */
export function writtenOf(snapshot: ProgressSnapshot): number {
  return Object.values(snapshot.perEntity).reduce((n, c) => n + (c?.written ?? 0), 0);
}
