/**
 * What the chat learned while setting a migration up, kept on the migration
 * (`options.planning`) rather than in the conversation: discovery counts, both
 * sides' schemas, the draft mapping the user reviews and edits, and which source
 * fields the review must show. The conversation then only carries ids, so its
 * replay log stays small, and the draft survives anything. Checked with zod on
 * every read, as any stored data is.
 */
import { z } from "zod";
import { entityKindSchema } from "../../core/model/canonical.js";
import { entitySchemaSchema } from "../../core/model/schema.js";
import { mappingSchema } from "../../core/mapping/index.js";
import { configError } from "../../core/errors.js";
import type { Migration, Stores } from "../../core/store/index.js";

const costModelSchema = z.object({
  readRecordsPerRequest: z.number().positive(),
  writeRecordsPerRequest: z.number().positive(),
  requestsPerSecond: z.number().positive(),
  burst: z.number().nonnegative(),
});

const userSchema = z.object({
  id: z.string(),
  email: z.string().nullable(),
  name: z.string(),
  active: z.boolean(),
});

export const planningSchema = z.object({
  /** Records per entity in the source (discovery). */
  counts: z.partialRecord(entityKindSchema, z.number().int().nonnegative()).default({}),
  cost: z.object({ source: costModelSchema, target: costModelSchema }).optional(),
  schemas: z
    .object({
      sources: z.partialRecord(entityKindSchema, entitySchemaSchema),
      targets: z.partialRecord(entityKindSchema, entitySchemaSchema),
    })
    .optional(),
  targetUsers: z.array(userSchema).optional(),
  /** Source field codes per entity that the review lists (everything not plainly matched). */
  attention: z.partialRecord(entityKindSchema, z.array(z.string())).default({}),
  /** The mapping under review; becomes `migration.mapping` when the user confirms it. */
  draft: mappingSchema.nullable().default(null),
});
export type Planning = z.infer<typeof planningSchema>;
export type PlanningSchemas = NonNullable<Planning["schemas"]>;

/** The planning state of a migration (empty when none was stored). */
export function readPlanning(migration: Migration): Planning {
  const parsed = planningSchema.safeParse(migration.options.planning ?? {});
  if (!parsed.success) {
    throw configError(`The setup state of migration ${migration.id} is damaged`, {
      code: "planning_invalid",
    });
  }
  return parsed.data;
}

/** Merges `patch` into the stored planning state, keeping the other options (the engine's). */
export async function savePlanning(
  stores: Pick<Stores, "migrations">,
  migrationId: string,
  patch: Partial<Planning>,
): Promise<Planning> {
  const current = await stores.migrations.getById(migrationId);
  if (current === null)
    throw configError(`Migration ${migrationId} is gone`, { code: "migration_missing" });
  const next = { ...readPlanning(current), ...patch };
  await stores.migrations.update(migrationId, { options: { ...current.options, planning: next } });
  return next;
}
