/**
 * `MigrationRunner` over the real engine (core/engine) and connectors: opens both
 * connections for the job, meters their requests per side, and translates the
 * engine's progress and reports into the notification shapes (worker/jobs.ts).
 *
 * Delta window: the engine keeps it itself (from the last successful run), so a
 * delta job's `changedSince` is informational. Engine events (fields created,
 * records recovered) are logged; telling the chat about them is a later step.
 */
import {
  discover,
  estimate,
  readEngineState,
  rollback,
  runMigration,
  runPilot,
  type EngineInput,
  type ProgressSnapshot as EngineSnapshot,
  type RunReport,
} from "../core/engine/index.js";
import type { Logger } from "../core/logger.js";
import type { Meter, RequestMeter } from "../core/metering/index.js";
import { entityKindSchema, type EntityKind } from "../core/model/canonical.js";
import type { Stores } from "../core/store/index.js";
import type { OpenConnector } from "./connectors.js";
import { MAX_FAILURES_CSV_CHARS, type MigrationReport, type ProgressSnapshot } from "./jobs.js";
import type { MigrationRunner, RunnerResult } from "./processors/runner.js";

export interface EngineRunnerDeps {
  stores: Stores;
  openConnector: OpenConnector;
  /** Counts requests against the plan; without it nothing is metered and no quota stops a run. */
  meter?: Meter;
  logger: Logger;
  now?: () => Date;
}

type Counts = EngineSnapshot["perEntity"];

const entitiesOf = (perEntity: Counts): ProgressSnapshot["entities"] =>
  Object.entries(perEntity).flatMap(([entity, c]) =>
    c === undefined
      ? []
      : [
          {
            entity,
            read: c.done,
            written: c.written,
            failed: c.failed,
            skipped: c.skipped,
            total: c.total,
          },
        ],
  );

const sum = (r: { source: number; target: number } | null) =>
  r === null ? 0 : r.source + r.target;

/** The engine's snapshot in the chat's shape. */
export function toSnapshot(s: EngineSnapshot): ProgressSnapshot {
  return {
    entities: entitiesOf(s.perEntity),
    requests: sum(s.requests),
    ratePerSec: Number.isFinite(s.recordsPerSecond) ? Math.max(0, s.recordsPerSecond) : null,
    etaSeconds: s.etaSeconds,
  };
}

/** The engine's report in the chat's shape (the CSV cut to what an event may carry). */
export function toReport(r: RunReport): MigrationReport {
  const durationMs = Date.parse(r.finishedAt) - Date.parse(r.startedAt);
  const csv = r.failures > 0 ? r.failuresCsv : null;
  return {
    entities: entitiesOf(r.perEntity),
    requests: sum(r.requests),
    durationMs: Number.isFinite(durationMs) && durationMs >= 0 ? durationMs : null,
    failuresCsv: csv === null ? null : csv.slice(0, MAX_FAILURES_CSV_CHARS),
    links: (r.links ?? []).flatMap((l) =>
      l.url === null ? [] : [{ entity: l.entity, sourceId: l.sourceId, url: l.url }],
    ),
  };
}

const result = (r: { outcome: RunnerResult["outcome"]; report: RunReport }): RunnerResult => ({
  outcome: r.outcome,
  report: toReport(r.report),
});

export function createEngineRunner(deps: EngineRunnerDeps): MigrationRunner {
  const now = deps.now ?? (() => new Date());
  return async (kind, migration, signal, onProgress, request) => {
    const counts = { source: 0, target: 0 };
    const base = deps.meter?.forMigration({
      customerId: migration.customerId,
      migrationId: migration.id,
    });
    const sideMeter = (side: "source" | "target"): RequestMeter => ({
      record(usage) {
        counts[side] += 1;
        base?.record(usage);
      },
    });
    const log = deps.logger.child({ migrationId: migration.id, job: kind });
    const source = await deps.openConnector(migration.sourceConnectionId, sideMeter("source"));

    if (kind === "discover" || kind === "estimate") {
      const entities = migration.entities.flatMap((e) => {
        const parsed = entityKindSchema.safeParse(e);
        return parsed.success ? [parsed.data] : [];
      });
      const found = await discover(source, {
        signal,
        ...(entities.length > 0 ? { entities } : {}),
      });
      if (kind === "discover") return { outcome: "completed", details: found };
      const target = await deps.openConnector(migration.targetConnectionId, sideMeter("target"));
      const quota = deps.meter ? await deps.meter.remaining(migration.customerId) : undefined;
      const counted: Partial<Record<EntityKind, number>> = found.counts;
      return {
        outcome: "completed",
        details: estimate({
          counts: counted,
          source: source.costModel,
          target: target.costModel,
          ...(quota === undefined ? {} : { quota: Math.max(1, quota) }),
        }),
      };
    }

    const target = await deps.openConnector(migration.targetConnectionId, sideMeter("target"));
    const meter = deps.meter;
    const input: EngineInput = {
      migration,
      source,
      target,
      stores: deps.stores,
      signal,
      now,
      logger: log,
      onProgress: (s) => onProgress(toSnapshot(s)),
      onEvent: (event) => log.info({ event }, "engine event"),
      requestStats: () => ({ ...counts }),
      ...(meter ? { quota: { remaining: () => meter.remaining(migration.customerId) } } : {}),
    };
    try {
      switch (kind) {
        case "pilot":
          return result(
            await runPilot(input, {
              size: "samplePerEntity" in request ? request.samplePerEntity : 5,
            }),
          );
        case "run":
          return result(await runMigration(input, { mode: "full" }));
        case "delta":
          return result(await runMigration(input, { mode: "delta" }));
        case "rollback": {
          const runId =
            "scope" in request && request.scope === "pilot"
              ? readEngineState(migration).lastPilotRunId
              : undefined;
          return result(await rollback(input, runId === undefined ? {} : { runId }));
        }
      }
    } finally {
      // Usage counted by this job reaches the store before the job ends (the quota reads it).
      await meter
        ?.flush()
        .catch((error: unknown) =>
          log.warn({ err: error }, "usage flush failed; kept for the next one"),
        );
    }
  };
}
