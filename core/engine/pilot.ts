/**
 * The pilot (DESIGN.md §1 step 6): a small sample per chosen entity, with
 * the records it links to, written in dependency order under run id
 * "pilot-<n>". The report links to every record it created in the target, and
 * `rollback({ runId })` removes exactly those. A crashed or paused pilot
 * resumes with the same run id; its records are found in the id map or, if
 * the crash hit between "created" and "recorded", by origin stamp.
 */
import { invalidInput } from "../errors.js";
import type { CanonicalRecord, EntityKind } from "../model/canonical.js";
import type { RunContext } from "./context.js";
import { createRunContext } from "./context.js";
import { readEngineState, saveEngineState } from "./engine-state.js";
import { pilotSample } from "./pilot-sample.js";
import { processPage } from "./process-page.js";
import { addCounts, zeroCounts } from "./progress.js";
import { buildReport, storedFailures, type RecordLink } from "./report.js";
import type { RunResult } from "./run.js";
import { runSetup } from "./setup.js";
import type { EngineInput } from "./types.js";
import { freshInput } from "./fresh-input.js";
import { untilStopped } from "./until-stopped.js";

export interface PilotOptions {
  /** Records per chosen entity, 1–500. */
  size: number;
  /** Entities to sample; default all of the migration's. Linked records of other entities come along. */
  entities?: readonly EntityKind[];
}

export const MAX_PILOT_SIZE = 500;

/** Runs (or resumes) a pilot; the result's report carries links to the created records. */
export async function runPilot(given: EngineInput, options: PilotOptions): Promise<RunResult> {
  const input = await freshInput(given);
  const state = readEngineState(input.migration);
  const stamp = state.pilot ?? {
    runId: `pilot-${state.pilots + 1}`,
    size: options.size,
    ...(options.entities ? { entities: [...options.entities] } : {}),
    startedAt: input.now().toISOString(),
  };
  if (!Number.isInteger(stamp.size) || stamp.size < 1 || stamp.size > MAX_PILOT_SIZE) {
    throw invalidInput(`A pilot takes 1 to ${MAX_PILOT_SIZE} records per entity`, {
      code: "pilot_size",
      details: { size: stamp.size },
    });
  }
  const ctx = createRunContext(input, "pilot", stamp.runId);
  const chosen = (stamp.entities ?? ctx.entities) as EntityKind[];
  const foreign = chosen.filter((e) => !ctx.entities.includes(e));
  if (foreign.length > 0) {
    throw invalidInput(`The migration does not move ${foreign.join(", ")}`, {
      code: "pilot_entities",
      details: { foreign },
    });
  }
  await saveEngineState(input.stores, ctx.migrationId, { ...state, pilot: stamp });

  let samples = new Map<EntityKind, CanonicalRecord[]>();
  const outcome = await untilStopped(ctx, async () => {
    const early = await ctx.stopReason();
    if (early) return early;
    samples = await pilotSample(ctx, chosen, stamp.size);
    await runSetup(ctx, [...samples.keys()]);
    for (const [entity, records] of samples) {
      const stop = await writeSample(ctx, entity, records);
      if (stop) return stop;
    }
    return "completed";
  });
  if (outcome === "completed") {
    ctx.progress.setPhase("done");
    const { pilot: _pilot, ...rest } = state;
    await saveEngineState(input.stores, ctx.migrationId, {
      ...rest,
      pilots: state.pilots + 1,
      lastPilotRunId: stamp.runId,
    });
  }
  ctx.emit.progress(ctx.progress.snapshot());
  const inSample = new Map(
    [...samples].map(([e, records]) => [e as string, new Set(records.map((r) => r.id))]),
  );
  const failures = await storedFailures(
    input.stores,
    ctx.migrationId,
    (f) => inSample.get(f.entity)?.has(f.sourceId) ?? false,
  );
  const links = await pilotLinks(ctx, samples);
  return { outcome, report: buildReport(ctx, outcome, stamp.startedAt, failures, links) };
}

async function writeSample(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
) {
  ctx.progress.setPhase("pilot", entity);
  ctx.emit.event({ type: "phase", phase: "pilot", entity });
  const base = zeroCounts(records.length);
  ctx.progress.commit(entity, base);
  // A copy: processPage drains what it is given, and the sample is reported on afterwards.
  const result = await processPage(ctx, entity, [...records], {
    runId: ctx.runId,
    recover: true,
    update: false,
    clearErrors: true,
    onChunk: (counts) => {
      ctx.progress.inFlight(entity, counts);
      ctx.emit.progress(ctx.progress.snapshot());
    },
  });
  ctx.progress.commit(entity, addCounts(base, result.counts));
  ctx.progress.addWarnings(entity, result.counts.warnings);
  ctx.emit.progress(ctx.progress.snapshot());
  return result.stop;
}

/** Links to the sample's records that this pilot created (one id-map lookup per sampled record). */
async function pilotLinks(
  ctx: RunContext,
  samples: ReadonlyMap<EntityKind, readonly CanonicalRecord[]>,
): Promise<RecordLink[]> {
  const links: RecordLink[] = [];
  for (const [entity, records] of samples) {
    const targetEntity = ctx.mapping.targetEntity(entity);
    for (const record of records) {
      const entry = await ctx.input.stores.idMap.get(ctx.migrationId, entity, record.id);
      if (entry?.runId !== ctx.runId) continue;
      links.push({
        entity,
        sourceId: record.id,
        targetId: entry.targetId,
        url: ctx.input.target.recordUrl(targetEntity, entry.targetId),
      });
    }
  }
  return links;
}
