/** The id map in memory, with a per-migration `seq` like the Mongo counter. */
import type { IdMapEntry, IdMapEntryInput, IdMapRepository } from "../ports/index.js";
import type { IdMapPutManyResult } from "../ports/index.js";
import { idMapConflict } from "../shared/errors.js";
import { compact } from "../shared/patch.js";
import { checkLimit } from "../shared/validate.js";
import { keyOf } from "../shared/keys.js";
import { MemoryCollection } from "./collection.js";

type Outcome =
  | { kind: "inserted" | "unchanged"; entry: IdMapEntry }
  | { kind: "conflict"; existingTargetId: string };

/** The id map held in memory. */
export function createMemoryIdMap(now: () => Date): IdMapRepository {
  const entries = new MemoryCollection<IdMapEntry>({
    name: "idmap",
    key: (e) => keyOf(e.migrationId, e.entity, e.sourceId),
  });
  const lastSeq = new Map<string, number>();

  /** Reserves `n` numbers for a migration and returns the first (as the Mongo `$inc` does). */
  const reserve = (migrationId: string, n: number): number => {
    const last = (lastSeq.get(migrationId) ?? 0) + n;
    lastSeq.set(migrationId, last);
    return last - n + 1;
  };

  const store = (entry: IdMapEntryInput, seq: number): Outcome => {
    const found = entries.get(keyOf(entry.migrationId, entry.entity, entry.sourceId));
    if (!found) {
      const { migrationId, entity, sourceId, targetId, runId } = entry;
      const doc = compact({
        migrationId,
        entity,
        sourceId,
        targetId,
        runId,
        seq,
        createdAt: now(),
      });
      return { kind: "inserted", entry: entries.insert(doc) };
    }
    if (found.targetId === entry.targetId) return { kind: "unchanged", entry: found };
    return { kind: "conflict", existingTargetId: found.targetId };
  };

  return {
    async put(entry) {
      const outcome = store(entry, reserve(entry.migrationId, 1));
      if (outcome.kind !== "conflict") return outcome.entry;
      const { existingTargetId } = outcome;
      throw idMapConflict({ ...key(entry), targetId: entry.targetId, existingTargetId });
    },

    async putMany(batch) {
      const result: IdMapPutManyResult = { inserted: 0, unchanged: 0, conflicts: [] };
      const firsts = new Map<string, number>();
      for (const entry of batch) {
        if (!firsts.has(entry.migrationId)) {
          const n = batch.filter((e) => e.migrationId === entry.migrationId).length;
          firsts.set(entry.migrationId, reserve(entry.migrationId, n));
        }
        const seq = firsts.get(entry.migrationId) ?? 0;
        firsts.set(entry.migrationId, seq + 1);
        const outcome = store(entry, seq);
        if (outcome.kind === "conflict") {
          const { existingTargetId } = outcome;
          result.conflicts.push({ ...key(entry), targetId: entry.targetId, existingTargetId });
        } else result[outcome.kind] += 1;
      }
      return result;
    },

    async get(migrationId, entity, sourceId) {
      return entries.get(keyOf(migrationId, entity, sourceId)) ?? null;
    },

    async getMany(migrationId, entity, sourceIds) {
      const found = new Map<string, string>();
      for (const sourceId of sourceIds) {
        const entry = entries.get(keyOf(migrationId, entity, sourceId));
        if (entry) found.set(sourceId, entry.targetId);
      }
      return found;
    },

    async list(migrationId, { entity, order = "asc", afterSeq, limit }) {
      checkLimit(limit);
      const sign = order === "asc" ? 1 : -1;
      return entries
        .find(
          (e) =>
            e.migrationId === migrationId &&
            (entity === undefined || e.entity === entity) &&
            (afterSeq === undefined || (e.seq - afterSeq) * sign > 0),
        )
        .sort((a, b) => (a.seq - b.seq) * sign)
        .slice(0, limit);
    },

    async count(migrationId, entity) {
      return entries.count(
        (e) => e.migrationId === migrationId && (entity === undefined || e.entity === entity),
      );
    },

    async delete(migrationId, entity, sourceId) {
      return entries.delete(keyOf(migrationId, entity, sourceId));
    },

    async deleteByMigration(migrationId) {
      return entries.deleteWhere((e) => e.migrationId === migrationId);
    },
  };
}

const key = ({ migrationId, entity, sourceId }: IdMapEntryInput) => ({
  migrationId,
  entity,
  sourceId,
});
