/**
 * One benchmark scenario: a fresh pair of sandbox portals (limits on, time-scaled)
 * with a generated source of `size` records, the migration prepared in this
 * process (the state served by `startStoreServer`, as MongoDB would hold it), and
 * the move done by a separate child process — the engine, or the naive mover —
 * so the child's peak RSS is the migrating process's alone. Requests are counted
 * by the sandbox itself, on both portals.
 */
import { estimate } from "../core/engine/index.js";
import type { EntityKind } from "../core/model/canonical.js";
import { startMigrationWorld, WORLD_KEY_HEX } from "../test/support/migration-world.js";
import { spawnMigration } from "../test/support/spawn-migration.js";
import { checkTarget, isExact, TABLES } from "../test/support/target-check.js";
import { fileURLToPath } from "node:url";
import { limitUse, type LimitUse } from "./limit-use.js";

export interface ScenarioOptions {
  size: number;
  timeScale: number;
  /** The sandbox's per-method operating-time limit (cloud default: on). */
  operating: boolean;
  naive: boolean;
  /** `--max-old-space-size` of the migrating process, in MB; 0 = Node's default. */
  heapMb: number;
}

export interface Figures {
  scenario: string;
  records: number;
  requests: { source: number; target: number };
  /** Theoretical minimum: reads ⌈n/2500⌉ + writes ⌈n/50⌉ per entity + setup (core/engine `estimate`). */
  minimum: number;
  elapsedSeconds: number;
  timeScale: number;
  /** 503 QUERY_LIMIT_EXCEEDED / 429 OPERATION_TIME_LIMIT answers the sandbox had to give. */
  refused: { rate: number; operating: number };
  peakRssMb: number;
  written: number;
  failed: number;
  /** Engine runs: one copy per source record, links and users right. Null for the naive mover. */
  exact: boolean | null;
  /** Share of what the target's limits allow that the writes used (bench/limit-use.ts). */
  limitUse: LimitUse;
}

/** The Bitrix24 connector's cost model (`createBitrix24Connector(...).costModel`). */
const COST = {
  readRecordsPerRequest: 2_500,
  writeRecordsPerRequest: 50,
  requestsPerSecond: 2,
  burst: 50,
};
const naiveEntry = fileURLToPath(new URL("./naive-child.ts", import.meta.url));

/** Runs one scenario (see the module comment) and returns its figures; the portals are closed after. */
export async function runScenario(options: ScenarioOptions): Promise<Figures> {
  const world = await startMigrationWorld({
    size: options.size,
    timeScale: options.timeScale,
    operating: options.operating,
    serve: true,
  });
  try {
    const source = world.sandbox.portal(0).portal.data;
    const counts: Partial<Record<EntityKind, number>> = {};
    for (const [entity, table] of Object.entries(TABLES))
      counts[entity as EntityKind] = source.crm[table].size;
    const records = Object.values(counts).reduce((n, c) => n + (c ?? 0), 0);
    const minimum = estimate({
      counts,
      source: COST,
      target: COST,
      mapping: world.mapping,
    }).totalRequests;
    const flags = options.heapMb > 0 ? [`--max-old-space-size=${options.heapMb}`] : [];
    const child = options.naive
      ? spawnMigration(
          {
            source: world.sandbox.portal(0).webhookUrl,
            target: world.sandbox.portal(1).webhookUrl,
            timeScale: options.timeScale,
            originTag: `pereezd:${world.migration.id}`,
          },
          naiveEntry,
          flags,
        )
      : spawnMigration(
          {
            storeUrl: world.storeUrl!,
            keyHex: WORLD_KEY_HEX,
            allowedHosts: world.allowedHosts,
            timeScale: options.timeScale,
            migrationId: world.migration.id,
          },
          undefined,
          flags,
        );
    const result = await child.result();
    if (result?.kind !== "done") {
      throw new Error(
        `the migrating process failed: ${result?.kind === "failed" ? result.error.message : "no result"}`,
      );
    }
    const [s, t] = [world.sandbox.stats(0), world.sandbox.stats(1)];
    const limits = world.sandbox.portal(1).runtime.limits.config;
    const exact = options.naive
      ? null
      : isExact(
          checkTarget(
            source,
            world.sandbox.portal(1).portal.data,
            world.migration.id,
            world.mapping,
          ),
        );
    return {
      scenario: options.naive ? "naive" : "batched",
      records,
      requests: { source: s.httpRequests, target: t.httpRequests },
      minimum,
      elapsedSeconds: result.elapsedMs / 1000,
      timeScale: options.timeScale,
      refused: {
        rate: s.queryLimitRejections + t.queryLimitRejections,
        operating: s.operatingRejections + t.operatingRejections,
      },
      peakRssMb: result.maxRssKb / 1024,
      written: result.written,
      failed: result.failures,
      exact,
      limitUse: limitUse(t, {
        ratePerSecond: limits.rate?.drainPerSecond ?? null,
        operating: limits.operating,
      }),
    };
  } finally {
    await world.close();
  }
}
