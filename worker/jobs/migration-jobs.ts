/**
 * The jobs of the `migrations` queue: their names, data and results (zod), shared
 * by the bot (producer) and the worker (consumer). Job data is JSON in Redis, so
 * times are ISO strings and every field is checked again when a worker takes it.
 */
import { z } from "zod";
import { idSchema } from "../../core/store/index.js";

/** Queue of migration work; consumed by worker processes. */
export const MIGRATIONS_QUEUE = "migrations";
/** Queue of chat notifications; produced by workers, consumed by the bot. */
export const NOTIFICATIONS_QUEUE = "notifications";

export const migrationJobNames = [
  "discover",
  "estimate",
  "pilot",
  "run",
  "delta",
  "rollback",
] as const;
export const migrationJobNameSchema = z.enum(migrationJobNames);
/** What a job of the `migrations` queue does to its migration. */
export type MigrationJobName = z.infer<typeof migrationJobNameSchema>;

const base = z.object({
  migrationId: idSchema,
  /** When the user asked (ISO 8601); for logs and stale-request checks. */
  requestedAt: z.iso.datetime({ offset: true }),
});

/** Data schema per job name; unknown keys are dropped. */
export const migrationJobDataSchemas = {
  discover: base,
  estimate: base,
  pilot: base.extend({
    /** Records per entity the pilot moves. */
    samplePerEntity: z.number().int().min(1).max(100).default(5),
  }),
  run: base,
  delta: base.extend({
    /** Move what changed since this time; default: since the last completed run. */
    changedSince: z.iso.datetime({ offset: true }).optional(),
  }),
  rollback: base.extend({
    /** `pilot`: remove what the pilot created; `all`: everything this migration created. */
    scope: z.enum(["pilot", "all"]).default("pilot"),
  }),
} as const satisfies Record<MigrationJobName, z.ZodType>;

export type MigrationJobDataOf<N extends MigrationJobName> = z.output<
  (typeof migrationJobDataSchemas)[N]
>;
export type MigrationJobInputOf<N extends MigrationJobName> = z.input<
  (typeof migrationJobDataSchemas)[N]
>;
/** Parsed data of any migration job. */
export type MigrationJobData = MigrationJobDataOf<MigrationJobName>;

/** How a job ended, as its BullMQ return value. */
export const migrationJobOutcomeSchema = z.enum([
  "completed",
  "paused",
  "cancelled",
  "quota_reached",
  /** Nothing to do: the migration was already past this step (a duplicate or stale job). */
  "skipped",
]);
export type MigrationJobOutcome = z.infer<typeof migrationJobOutcomeSchema>;

export const migrationJobResultSchema = z.object({
  name: migrationJobNameSchema,
  migrationId: idSchema,
  outcome: migrationJobOutcomeSchema,
  /** Step-specific result: discovery counts, the estimate (JSON). */
  details: z.unknown().optional(),
});
export type MigrationJobResult = z.infer<typeof migrationJobResultSchema>;

/**
 * The job id of (migration, step): pressing a button twice enqueues once. BullMQ
 * forbids `:` and integer-like custom ids (libraries.md §4); ids are UUIDs or other
 * store ids, so `<name>-<id>` is safe and the check below guards the rule.
 */
export function migrationJobId(name: MigrationJobName, migrationId: string): string {
  const id = `${name}-${migrationId}`;
  if (id.includes(":")) throw new RangeError(`job id must not contain ':' (${id})`);
  return id;
}
