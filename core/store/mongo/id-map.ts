/**
 * The id map in MongoDB. `seq` comes from a per-migration counter (`$inc` on
 * one document, a block per batch); inserts rely on the unique key index, and
 * a duplicate is then compared with the stored target id.
 */
import { randomUUID } from "node:crypto";
import type { Collection, Filter } from "mongodb";
import { MongoBulkWriteError } from "mongodb";
import { transientError } from "../../errors.js";
import type {
  IdMapEntry,
  IdMapEntryInput,
  IdMapPutManyResult,
  IdMapRepository,
} from "../ports/index.js";
import { idMapConflict } from "../shared/errors.js";
import { compact } from "../shared/patch.js";
import { checkLimit } from "../shared/validate.js";
import type { CounterDoc, IdMapDoc } from "./docs.js";
import { duplicateIndexes, isDuplicateKey, upserted, upsertRetrying } from "./errors.js";
import { classify, resolveDuplicates } from "./id-map-duplicates.js";

const toEntry = ({ _id, ...entry }: IdMapDoc): IdMapEntry => entry;

/** The id map over the `idmap` and `counters` collections. */
export function createMongoIdMap(
  idMap: Collection<IdMapDoc>,
  counters: Collection<CounterDoc>,
  now: () => Date,
): IdMapRepository {
  /** Reserves `n` numbers of a migration's sequence; returns the first. */
  const reserve = async (migrationId: string, n: number): Promise<number> => {
    const doc = await upsertRetrying("counters", () =>
      counters.findOneAndUpdate(
        { _id: `idmap:${migrationId}` },
        { $inc: { seq: n } },
        { upsert: true, returnDocument: "after" },
      ),
    );
    return upserted(doc, "counters").seq - n + 1;
  };

  const toDoc = (entry: IdMapEntryInput, seq: number, createdAt: Date): IdMapDoc => {
    const { migrationId, entity, sourceId, targetId, runId } = entry;
    return compact({
      _id: randomUUID(),
      migrationId,
      entity,
      sourceId,
      targetId,
      runId,
      seq,
      createdAt,
    });
  };

  return {
    async put(entry) {
      const doc = toDoc(entry, await reserve(entry.migrationId, 1), now());
      try {
        await idMap.insertOne(doc);
        return toEntry(doc);
      } catch (error) {
        if (!isDuplicateKey(error)) throw error;
      }
      const [outcome] = await resolveDuplicates(idMap, [doc]);
      if (!outcome) throw transientError("id map entry could not be stored; try again");
      if (outcome.kind === "conflict") throw idMapConflict(outcome.conflict);
      return outcome.entry;
    },

    async putMany(entries) {
      const result: IdMapPutManyResult = { inserted: 0, unchanged: 0, conflicts: [] };
      if (entries.length === 0) return result;
      const next = new Map<string, number>();
      for (const id of new Set(entries.map((e) => e.migrationId))) {
        const n = entries.filter((e) => e.migrationId === id).length;
        next.set(id, await reserve(id, n));
      }
      const createdAt = now();
      const docs = entries.map((entry) => {
        const seq = next.get(entry.migrationId) ?? 0;
        next.set(entry.migrationId, seq + 1);
        return toDoc(entry, seq, createdAt);
      });
      let refused: number[] = [];
      try {
        await idMap.insertMany(docs, { ordered: false });
      } catch (error) {
        const indexes = error instanceof MongoBulkWriteError ? duplicateIndexes(error) : undefined;
        if (indexes === undefined) throw error;
        refused = [...indexes].sort((a, b) => a - b);
      }
      const duplicates = refused.flatMap((i) => docs[i] ?? []);
      const outcomes = await resolveDuplicates(idMap, duplicates);
      return classify(result, docs.length - duplicates.length, outcomes);
    },

    async get(migrationId, entity, sourceId) {
      const doc = await idMap.findOne({ migrationId, entity, sourceId });
      return doc ? toEntry(doc) : null;
    },

    async getMany(migrationId, entity, sourceIds) {
      const found = new Map<string, string>();
      if (sourceIds.length === 0) return found;
      const docs = await idMap
        .find({ migrationId, entity, sourceId: { $in: [...new Set(sourceIds)] } })
        .project<{ sourceId: string; targetId: string }>({ _id: 0, sourceId: 1, targetId: 1 })
        .toArray();
      for (const doc of docs) found.set(doc.sourceId, doc.targetId);
      return found;
    },

    async list(migrationId, { entity, order = "asc", afterSeq, limit }) {
      checkLimit(limit);
      const filter: Filter<IdMapDoc> = { migrationId };
      if (entity !== undefined) filter.entity = entity;
      if (afterSeq !== undefined)
        filter.seq = order === "asc" ? { $gt: afterSeq } : { $lt: afterSeq };
      const direction = order === "asc" ? 1 : -1;
      const docs = await idMap.find(filter).sort({ seq: direction }).limit(limit).toArray();
      return docs.map(toEntry);
    },

    async count(migrationId, entity) {
      return idMap.countDocuments(entity === undefined ? { migrationId } : { migrationId, entity });
    },

    async delete(migrationId, entity, sourceId) {
      const result = await idMap.deleteOne({ migrationId, entity, sourceId });
      return result.deletedCount === 1;
    },

    async deleteByMigration(migrationId) {
      const result = await idMap.deleteMany({ migrationId });
      return result.deletedCount;
    },
  };
}
