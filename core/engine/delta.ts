/**
 * The delta run's preparation: a new delta starts every entity's "delta"
 * checkpoint from scratch (total unknown = not started, so no recovery lookup
 * is spent on it); a resumed one keeps them. The copy itself is `copyEntity`
 * with `changedSince` and updates of records already migrated.
 */
import type { RunContext } from "./context.js";

export const DELTA_PHASE = "delta";

/** Resets the delta checkpoints of every entity for a fresh delta. */
export async function resetDeltaCheckpoints(ctx: RunContext): Promise<void> {
  const zero = {
    cursor: null,
    read: 0,
    written: 0,
    failed: 0,
    skipped: 0,
    total: null,
    done: false,
  };
  for (const entity of ctx.entities) {
    await ctx.input.stores.checkpoints.save({
      migrationId: ctx.migrationId,
      entity,
      phase: DELTA_PHASE,
      ...zero,
    });
  }
}
