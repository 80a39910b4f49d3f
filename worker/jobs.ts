/**
 * The one contract between the bot and the worker (STYLE.md layout): queue and job
 * names, zod schemas of job data, results and notification events, and the
 * producer helpers. The bot imports only this file (and `control.ts`) from worker/.
 */
export * from "./jobs/migration-jobs.js";
export * from "./jobs/notification-events.js";
export { MIGRATION_JOB_OPTIONS, createMigrationQueue } from "./jobs/migration-queue.js";
export type {
  EnqueueResult,
  MigrationQueue,
  MigrationQueueHandle,
} from "./jobs/migration-queue.js";
export { NOTIFICATION_JOB_OPTIONS, createNotificationQueue } from "./jobs/notification-queue.js";
export type { NotificationQueue } from "./jobs/notification-queue.js";
