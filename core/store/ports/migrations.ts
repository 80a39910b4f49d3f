/**
 * Migrations: one customer's move from a source to a target connection.
 *
 * `status` is what the worker is doing and changes only through `transition`
 * (an atomic compare-and-set); `control` is what the bot wants and the worker
 * polls. Keeping them apart means a button press never races a worker's write.
 */
import { z } from "zod";
import { chatRefSchema, errorKindSchema, idSchema } from "./common.js";

export const migrationStatusSchema = z.enum([
  "draft",
  "discovered",
  "pilot_running",
  "pilot_done",
  "queued",
  "running",
  "pausing",
  "paused",
  "cancelling",
  "cancelled",
  "completed",
  "failed",
]);
export type MigrationStatus = z.infer<typeof migrationStatusSchema>;

export const migrationControlSchema = z.enum(["run", "pause", "cancel"]);
export type MigrationControl = z.infer<typeof migrationControlSchema>;

/** The last error that stopped or paused the migration. */
export const migrationErrorSchema = z.object({
  kind: errorKindSchema,
  message: z.string().max(2000),
  at: z.date(),
  /** Which connection the error came from, when known: the chat offers to renew that one's access. */
  side: z.enum(["source", "target"]).optional(),
});
export type MigrationError = z.infer<typeof migrationErrorSchema>;

export const migrationSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  chat: chatRefSchema,
  sourceConnectionId: idSchema,
  targetConnectionId: idSchema,
  /** "<source system>-><target system>", e.g. "bitrix24->bitrix24". */
  route: z.string().regex(/^[a-z0-9]+->[a-z0-9]+$/),
  entities: z.array(z.string().min(1)),
  /** The confirmed mapping; null until the user confirms one. */
  mapping: z.unknown(),
  options: z.record(z.string(), z.unknown()),
  status: migrationStatusSchema,
  control: migrationControlSchema,
  lastError: migrationErrorSchema.optional(),
  /** The progress message edited in place in the customer's chat. */
  progressMessageId: z.number().int().optional(),
  report: z.unknown().optional(),
  /** How many times a run was started (`transition(..., { countRun: true })`). */
  runs: z.number().int().nonnegative(),
  createdAt: z.date(),
  updatedAt: z.date(),
  startedAt: z.date().optional(),
  finishedAt: z.date().optional(),
});
export type Migration = z.infer<typeof migrationSchema>;

export const newMigrationSchema = migrationSchema
  .pick({
    customerId: true,
    chat: true,
    sourceConnectionId: true,
    targetConnectionId: true,
    route: true,
  })
  .extend({
    entities: migrationSchema.shape.entities.default([]),
    mapping: z
      .unknown()
      .optional()
      .transform((value) => value ?? null),
    options: migrationSchema.shape.options.default({}),
  });
/** Input of `create`: starts as "draft" with control "run" and no runs. */
export type NewMigration = z.input<typeof newMigrationSchema>;

/** Optional fields a patch may remove by passing `null`. */
export const MIGRATION_CLEARABLE = [
  "lastError",
  "progressMessageId",
  "report",
  "startedAt",
  "finishedAt",
] as const;

export const migrationPatchSchema = z.object({
  entities: migrationSchema.shape.entities.optional(),
  /** `null` stores "no mapping". */
  mapping: z.unknown().optional(),
  options: migrationSchema.shape.options.optional(),
  lastError: migrationErrorSchema.nullable().optional(),
  progressMessageId: z.number().int().nullable().optional(),
  report: z.unknown().optional(),
  startedAt: z.date().nullable().optional(),
  finishedAt: z.date().nullable().optional(),
});
/** `undefined` leaves a field alone; `null` removes an optional field (`mapping` becomes null). */
export type MigrationPatch = z.infer<typeof migrationPatchSchema>;

export const migrationTransitionPatchSchema = migrationPatchSchema.extend({
  /** Adds one to `runs` in the same atomic write. */
  countRun: z.boolean().optional(),
});
/** A patch applied together with a status change. */
export type MigrationTransitionPatch = z.infer<typeof migrationTransitionPatchSchema>;

/** Migrations and their status machine. */
export interface MigrationRepository {
  /** Stores a new draft migration. */
  create(input: NewMigration): Promise<Migration>;
  /** The migration with this id, or null. */
  getById(id: string): Promise<Migration | null>;
  /** A customer's migrations, newest first (by `createdAt`, ties by id). */
  listByCustomer(customerId: string, options?: { limit?: number }): Promise<Migration[]>;
  /** Migrations in any of `statuses`, oldest first; e.g. to resume work after a restart. */
  listByStatus(
    statuses: readonly MigrationStatus[],
    options?: { limit?: number },
  ): Promise<Migration[]>;
  /** Applies `patch` (never status or control); `not_found` if absent. */
  update(id: string, patch: MigrationPatch): Promise<Migration>;
  /** Moves to `to` only if the status is one of `from`; null if it was not, `not_found` if absent. */
  transition(
    id: string,
    from: readonly MigrationStatus[],
    to: MigrationStatus,
    patch?: MigrationTransitionPatch,
  ): Promise<Migration | null>;
  /** Records what the bot wants the worker to do; `not_found` if absent. */
  setControl(id: string, control: MigrationControl): Promise<Migration>;
}
