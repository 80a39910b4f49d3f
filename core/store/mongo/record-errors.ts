/** Record errors in MongoDB: one upsert per failure, `$inc` on attempts. */
import { randomUUID } from "node:crypto";
import type { Collection, Filter, UpdateFilter } from "mongodb";
import type { RecordErrorRepository } from "../ports/index.js";
import { compact } from "../shared/patch.js";
import { checkLimit } from "../shared/validate.js";
import type { RecordErrorDoc } from "./docs.js";
import { fromDoc } from "./docs.js";
import { upserted, upsertRetrying } from "./errors.js";

/** Record errors over the `record_errors` collection. */
export function createMongoRecordErrors(
  errors: Collection<RecordErrorDoc>,
  now: () => Date,
): RecordErrorRepository {
  return {
    async record(input) {
      const { migrationId, entity, sourceId, kind, code, message, path } = input;
      const at = now();
      const update: UpdateFilter<RecordErrorDoc> = {
        $set: compact({ kind, code, message, path, at }) satisfies Partial<RecordErrorDoc>,
        $inc: { attempts: 1 },
        $setOnInsert: { _id: randomUUID(), firstAt: at },
      };
      // The latest failure replaces the previous one, optional fields included.
      const stale: { code?: ""; path?: "" } = {};
      if (code === undefined) stale.code = "";
      if (path === undefined) stale.path = "";
      if (Object.keys(stale).length > 0) update.$unset = stale;
      const doc = await upsertRetrying("record_errors", () =>
        errors.findOneAndUpdate({ migrationId, entity, sourceId }, update, {
          upsert: true,
          returnDocument: "after",
        }),
      );
      return fromDoc(upserted(doc, "record_errors"));
    },

    async clear(migrationId, entity, sourceId) {
      const result = await errors.deleteOne({ migrationId, entity, sourceId });
      return result.deletedCount === 1;
    },

    async list(migrationId, { entity, limit, after }) {
      checkLimit(limit);
      const filter: Filter<RecordErrorDoc> = { migrationId };
      if (entity !== undefined) filter.entity = entity;
      if (after !== undefined) filter._id = { $gt: after };
      const docs = await errors.find(filter).sort({ _id: 1 }).limit(limit).toArray();
      return docs.map(fromDoc);
    },

    async count(migrationId, entity) {
      return errors.countDocuments(
        entity === undefined ? { migrationId } : { migrationId, entity },
      );
    },

    async deleteByMigration(migrationId) {
      const result = await errors.deleteMany({ migrationId });
      return result.deletedCount;
    },
  };
}
