/** Migrations in memory; `transition` is a compare-and-set like the Mongo one. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import {
  MIGRATION_CLEARABLE,
  migrationControlSchema,
  migrationPatchSchema,
  migrationStatusSchema,
  migrationTransitionPatchSchema,
  newMigrationSchema,
} from "../ports/index.js";
import type { Migration, MigrationRepository } from "../ports/index.js";
import { compareDates, compareText, take } from "../shared/order.js";
import { applyPatch, compact, splitPatch } from "../shared/patch.js";
import { missing } from "../shared/errors.js";
import { checkLimit, parseInput } from "../shared/validate.js";
import { MemoryCollection } from "./collection.js";

const newestFirst = (a: Migration, b: Migration) =>
  compareDates(b.createdAt, a.createdAt) || compareText(b.id, a.id);
const oldestFirst = (a: Migration, b: Migration) => newestFirst(b, a);

/** Migrations held in memory. */
export function createMemoryMigrations(now: () => Date): MigrationRepository {
  const migrations = new MemoryCollection<Migration>({ name: "migrations", key: (m) => m.id });

  const existing = (id: string): Migration => {
    const found = migrations.get(id);
    if (!found) throw missing("Migration", id);
    return found;
  };

  return {
    async create(input) {
      const data = parseInput(newMigrationSchema, input, "migration");
      const at = now();
      return migrations.insert(
        compact({
          id: randomUUID(),
          ...data,
          status: "draft" as const,
          control: "run" as const,
          runs: 0,
          createdAt: at,
          updatedAt: at,
        }),
      );
    },

    async getById(id) {
      return migrations.get(id) ?? null;
    },

    async listByCustomer(customerId, options = {}) {
      checkLimit(options.limit);
      const found = migrations.find((m) => m.customerId === customerId).sort(newestFirst);
      return take(found, options.limit);
    },

    async listByStatus(statuses, options = {}) {
      checkLimit(options.limit);
      const wanted = parseInput(z.array(migrationStatusSchema), statuses, "statuses");
      const found = migrations.find((m) => wanted.includes(m.status)).sort(oldestFirst);
      return take(found, options.limit);
    },

    async update(id, patch) {
      const split = splitPatch(
        parseInput(migrationPatchSchema, patch, "migration patch"),
        MIGRATION_CLEARABLE,
      );
      return migrations.replace({ ...applyPatch(existing(id), split), updatedAt: now() });
    },

    async transition(id, from, to, patch = {}) {
      const allowed = parseInput(z.array(migrationStatusSchema), from, "statuses");
      const target = parseInput(migrationStatusSchema, to, "status");
      const { countRun, ...fields } = parseInput(
        migrationTransitionPatchSchema,
        patch,
        "migration patch",
      );
      const split = splitPatch(fields, MIGRATION_CLEARABLE);
      const current = existing(id);
      if (!allowed.includes(current.status)) return null;
      const runs = current.runs + (countRun ? 1 : 0);
      return migrations.replace({
        ...applyPatch(current, split),
        status: target,
        runs,
        updatedAt: now(),
      });
    },

    async setControl(id, control) {
      const wanted = parseInput(migrationControlSchema, control, "control");
      return migrations.replace({ ...existing(id), control: wanted, updatedAt: now() });
    },
  };
}
