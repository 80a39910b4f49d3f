/**
 * The engine's own bookkeeping on the migration (`options.engine`): the run in
 * progress (so a resumed run keeps its id, start time and delta window), the
 * last successful run (a delta moves what changed since its start) and the
 * pilot counter. Stored with the migration because it must survive any crash,
 * and checked with zod on every read, as any stored data is.
 */
import { z } from "zod";
import { configError } from "../errors.js";
import type { Migration } from "../store/ports/index.js";
import type { Stores } from "../store/stores.js";

const copyModeSchema = z.enum(["full", "delta"]);

export const engineStateSchema = z.object({
  /** The full or delta run started and not yet completed. */
  active: z
    .object({
      mode: copyModeSchema,
      runId: z.string(),
      startedAt: z.string(),
      changedSince: z.string().optional(),
    })
    .optional(),
  /** The last run that completed; the next delta starts from its `startedAt`. */
  lastSuccess: z
    .object({ mode: copyModeSchema, startedAt: z.string(), finishedAt: z.string() })
    .optional(),
  /** The pilot started and not yet completed. */
  pilot: z
    .object({
      runId: z.string(),
      size: z.number().int().positive(),
      entities: z.array(z.string()).optional(),
      startedAt: z.string(),
    })
    .optional(),
  /** The last completed pilot, for "roll the pilot back". */
  lastPilotRunId: z.string().optional(),
  pilots: z.number().int().nonnegative().default(0),
  deltas: z.number().int().nonnegative().default(0),
});
export type EngineState = z.infer<typeof engineStateSchema>;

/** The engine state of a migration; a fresh one if none was stored. */
export function readEngineState(migration: Migration): EngineState {
  const parsed = engineStateSchema.safeParse(migration.options.engine ?? {});
  if (!parsed.success) {
    throw configError(`The engine state of migration ${migration.id} is damaged`, {
      code: "engine_state_invalid",
      details: { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  return parsed.data;
}

/** Stores the engine state, keeping any other options the bot set meanwhile. */
export async function saveEngineState(
  stores: Stores,
  migrationId: string,
  state: EngineState,
): Promise<void> {
  const current = await stores.migrations.getById(migrationId);
  const options = current?.options ?? {};
  await stores.migrations.update(migrationId, { options: { ...options, engine: state } });
}
