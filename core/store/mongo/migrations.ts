/** Migrations in MongoDB; `transition` is one findOneAndUpdate guarded by `status: {$in: from}`. */
import { randomUUID } from "node:crypto";
import type { Collection, UpdateFilter } from "mongodb";
import { z } from "zod";
import {
  MIGRATION_CLEARABLE,
  migrationControlSchema,
  migrationPatchSchema,
  migrationStatusSchema,
  migrationTransitionPatchSchema,
  newMigrationSchema,
} from "../ports/index.js";
import type { MigrationPatch, MigrationRepository } from "../ports/index.js";
import { missing } from "../shared/errors.js";
import { compact, splitPatch } from "../shared/patch.js";
import { checkLimit, parseInput } from "../shared/validate.js";
import type { MigrationDoc } from "./docs.js";
import { fromDoc } from "./docs.js";
import { orConflict } from "./errors.js";

/** `$set` and `$unset` for a patch: `null` on a clearable field removes it. */
function patchUpdate(patch: MigrationPatch, at: Date): UpdateFilter<MigrationDoc> {
  const { set, unset } = splitPatch(patch, MIGRATION_CLEARABLE);
  const update: UpdateFilter<MigrationDoc> = { $set: { ...set, updatedAt: at } };
  if (unset.length > 0) update.$unset = Object.fromEntries(unset.map((key) => [key, ""]));
  return update;
}

/** Migrations over the `migrations` collection. */
export function createMongoMigrations(
  migrations: Collection<MigrationDoc>,
  now: () => Date,
): MigrationRepository {
  const setFields = async (id: string, update: UpdateFilter<MigrationDoc>) => {
    const doc = await migrations.findOneAndUpdate({ _id: id }, update, { returnDocument: "after" });
    if (!doc) throw missing("Migration", id);
    return fromDoc(doc);
  };

  return {
    async create(input) {
      const data = parseInput(newMigrationSchema, input, "migration");
      const at = now();
      const doc: MigrationDoc = compact({
        _id: randomUUID(),
        ...data,
        status: "draft" as const,
        control: "run" as const,
        runs: 0,
        createdAt: at,
        updatedAt: at,
      });
      await orConflict("migrations", () => migrations.insertOne(doc));
      return fromDoc(doc);
    },

    async getById(id) {
      const doc = await migrations.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },

    async listByCustomer(customerId, options = {}) {
      checkLimit(options.limit);
      const docs = await migrations
        .find({ customerId })
        .sort({ createdAt: -1, _id: -1 })
        .limit(options.limit ?? 0)
        .toArray();
      return docs.map(fromDoc);
    },

    async listByStatus(statuses, options = {}) {
      checkLimit(options.limit);
      const wanted = parseInput(z.array(migrationStatusSchema), statuses, "statuses");
      const docs = await migrations
        .find({ status: { $in: wanted } })
        .sort({ createdAt: 1, _id: 1 })
        .limit(options.limit ?? 0)
        .toArray();
      return docs.map(fromDoc);
    },

    async update(id, patch) {
      const fields = parseInput(migrationPatchSchema, patch, "migration patch");
      return setFields(id, patchUpdate(fields, now()));
    },

    async transition(id, from, to, patch = {}) {
      const allowed = parseInput(z.array(migrationStatusSchema), from, "statuses");
      const target = parseInput(migrationStatusSchema, to, "status");
      const { countRun, ...fields } = parseInput(
        migrationTransitionPatchSchema,
        patch,
        "migration patch",
      );
      const update = patchUpdate(fields, now());
      update.$set = { ...update.$set, status: target };
      if (countRun) update.$inc = { runs: 1 };
      const doc = await migrations.findOneAndUpdate({ _id: id, status: { $in: allowed } }, update, {
        returnDocument: "after",
      });
      if (doc) return fromDoc(doc);
      const exists = await migrations.countDocuments({ _id: id }, { limit: 1 });
      if (exists === 0) throw missing("Migration", id);
      return null;
    },

    async setControl(id, control) {
      const wanted = parseInput(migrationControlSchema, control, "control");
      return setFields(id, { $set: { control: wanted, updatedAt: now() } });
    },
  };
}
