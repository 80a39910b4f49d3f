/** Checkpoints in MongoDB: one upsert per save on the (migrationId, entity, phase) index. */
import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { DEFAULT_PHASE } from "../ports/index.js";
import type { Checkpoint, CheckpointRepository } from "../ports/index.js";
import type { CheckpointDoc } from "./docs.js";
import { upserted, upsertRetrying } from "./errors.js";

const toCheckpoint = ({ _id, ...checkpoint }: CheckpointDoc): Checkpoint => checkpoint;

/** Checkpoints over the `checkpoints` collection. */
export function createMongoCheckpoints(
  checkpoints: Collection<CheckpointDoc>,
  now: () => Date,
): CheckpointRepository {
  return {
    async get(migrationId, entity, phase = DEFAULT_PHASE) {
      const doc = await checkpoints.findOne({ migrationId, entity, phase });
      return doc ? toCheckpoint(doc) : null;
    },

    async save(input) {
      const { migrationId, entity, phase = DEFAULT_PHASE } = input;
      const { cursor, read, written, failed, skipped, total, done } = input;
      const key = { migrationId, entity, phase } satisfies Partial<CheckpointDoc>;
      const state = { cursor, read, written, failed, skipped, total, done, updatedAt: now() };
      const doc = await upsertRetrying("checkpoints", () =>
        checkpoints.findOneAndUpdate(
          key,
          { $set: state satisfies Partial<CheckpointDoc>, $setOnInsert: { _id: randomUUID() } },
          { upsert: true, returnDocument: "after" },
        ),
      );
      return toCheckpoint(upserted(doc, "checkpoints"));
    },

    async listByMigration(migrationId) {
      const docs = await checkpoints.find({ migrationId }).sort({ entity: 1, phase: 1 }).toArray();
      return docs.map(toCheckpoint);
    },

    async deleteByMigration(migrationId) {
      const result = await checkpoints.deleteMany({ migrationId });
      return result.deletedCount;
    },
  };
}
