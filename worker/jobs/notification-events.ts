/**
 * Events the worker sends to the bot through the `notifications` queue. The bot
 * renders them in the customer's language; the worker never writes user texts.
 */
import { z } from "zod";
import { chatRefSchema, idSchema } from "../../core/store/index.js";

const count = z.number().int().nonnegative();

/** One entity's counters in a progress snapshot or a report. */
export const entityProgressSchema = z.object({
  entity: z.string().min(1),
  read: count,
  written: count,
  failed: count,
  skipped: count,
  /** Records the source holds, when known (progress bars need it). */
  total: count.nullable(),
});
export type EntityProgress = z.infer<typeof entityProgressSchema>;

/** Where a run stands: per-entity counters, API calls so far, rate and ETA. */
export const progressSnapshotSchema = z.object({
  entities: z.array(entityProgressSchema),
  /** CRM requests this migration made so far. */
  requests: count,
  /** Records written per second recently; null until measurable. */
  ratePerSec: z.number().nonnegative().nullable(),
  etaSeconds: z.number().nonnegative().nullable(),
});
export type ProgressSnapshot = z.infer<typeof progressSnapshotSchema>;

/** Largest failures CSV carried in an event; bigger ones are cut (the rest stays in the store). */
export const MAX_FAILURES_CSV_CHARS = 4_000_000;

/** The final (or pilot) report: totals per entity and the failed records as CSV. */
export const reportSchema = z.object({
  entities: z.array(entityProgressSchema),
  requests: count,
  durationMs: count.nullable(),
  /** `source_id,entity,kind,message` lines; null when nothing failed. */
  failuresCsv: z.string().max(MAX_FAILURES_CSV_CHARS).nullable(),
  /** Links to created target records (pilot). */
  links: z.array(z.object({ entity: z.string(), sourceId: z.string(), url: z.url() })).default([]),
});
export type MigrationReport = z.infer<typeof reportSchema>;

const base = z.object({
  migrationId: idSchema,
  chat: chatRefSchema,
  /** Producer time in ms; the bot drops a progress snapshot older than one it showed. */
  at: z.number().int().nonnegative(),
});

export const stageSchema = z.enum(["discover", "estimate", "pilot", "run", "delta", "rollback"]);

/** What needs the user: each kind has its own text and next step in the chat. */
export const attentionKindSchema = z.enum([
  "credentials_revoked",
  "quota_reached",
  "target_refused_field",
  "failed",
]);
export type AttentionKind = z.infer<typeof attentionKindSchema>;

export const notificationEventSchema = z.discriminatedUnion("type", [
  base.extend({
    type: z.literal("progress"),
    stage: stageSchema,
    /**
     * Running, or the state the run ended in (the last edit of the progress message);
     * `stopped`: it failed, and an attention event says why and what to do.
     */
    state: z.enum(["running", "paused", "cancelled", "completed", "stopped"]),
    snapshot: progressSnapshotSchema,
  }),
  base.extend({
    type: z.literal("usage"),
    period: z.string(),
    quota: count,
    used: count,
    remaining: count,
    migrationRequests: count,
  }),
  base.extend({
    type: z.literal("attention"),
    kind: attentionKindSchema,
    /** Technical reason, redacted; shown under the localized explanation. */
    reason: z.string().max(500),
    /** Which side, entity or field the problem is about, when known. */
    side: z.enum(["source", "target"]).optional(),
    entity: z.string().optional(),
    field: z.string().optional(),
  }),
  base.extend({
    type: z.literal("status"),
    status: z.enum(["queued", "running", "paused", "cancelling", "pausing"]),
  }),
  base.extend({
    type: z.literal("completed"),
    stage: z.enum(["run", "delta"]),
    outcome: z.enum(["completed", "cancelled"]),
    report: reportSchema,
  }),
  base.extend({ type: z.literal("pilot_report"), report: reportSchema }),
  base.extend({
    type: z.literal("step_done"),
    step: z.enum(["discover", "estimate", "rollback"]),
    details: z.unknown().optional(),
  }),
]);
export type NotificationEvent = z.infer<typeof notificationEventSchema>;
export type NotificationType = NotificationEvent["type"];
/** The event of one type, e.g. `NotificationOf<"progress">`. */
export type NotificationOf<T extends NotificationType> = Extract<NotificationEvent, { type: T }>;
