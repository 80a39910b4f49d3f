/** Checkpoints in memory, one per (migrationId, entity, phase). */
import { DEFAULT_PHASE } from "../ports/index.js";
import type { Checkpoint, CheckpointRepository } from "../ports/index.js";
import { compareText } from "../shared/order.js";
import { keyOf } from "../shared/keys.js";
import { MemoryCollection } from "./collection.js";

/** Checkpoints held in memory. */
export function createMemoryCheckpoints(now: () => Date): CheckpointRepository {
  const checkpoints = new MemoryCollection<Checkpoint>({
    name: "checkpoints",
    key: (c) => keyOf(c.migrationId, c.entity, c.phase),
  });

  return {
    async get(migrationId, entity, phase = DEFAULT_PHASE) {
      return checkpoints.get(keyOf(migrationId, entity, phase)) ?? null;
    },

    async save(input) {
      const { migrationId, entity, phase = DEFAULT_PHASE } = input;
      const { cursor, read, written, failed, skipped, total, done } = input;
      return checkpoints.replace({
        migrationId,
        entity,
        phase,
        cursor,
        read,
        written,
        failed,
        skipped,
        total,
        done,
        updatedAt: now(),
      });
    },

    async listByMigration(migrationId) {
      return checkpoints
        .find((c) => c.migrationId === migrationId)
        .sort((a, b) => compareText(a.entity, b.entity) || compareText(a.phase, b.phase));
    },

    async deleteByMigration(migrationId) {
      return checkpoints.deleteWhere((c) => c.migrationId === migrationId);
    },
  };
}
