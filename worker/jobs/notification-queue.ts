/**
 * The producer side of the `notifications` queue (the worker adds, the bot delivers).
 * Events are small and many: delivered ones are dropped at once; a delivery that keeps
 * failing (the chat is unreachable) is retried a few times, then kept a day for a look.
 */
import { Queue, type JobsOptions } from "bullmq";
import type { Redis } from "ioredis";
import { NOTIFICATIONS_QUEUE } from "./migration-jobs.js";
import type { NotificationEvent, NotificationType } from "./notification-events.js";

export const NOTIFICATION_JOB_OPTIONS = {
  attempts: 5,
  backoff: { type: "exponential", delay: 2_000 },
  removeOnComplete: true,
  removeOnFail: { age: 24 * 3600, count: 1_000 },
} as const satisfies JobsOptions;

export type NotificationQueue = Queue<NotificationEvent, void, NotificationType>;

/** The `notifications` queue on a producer connection, keys under `prefix`. */
export function createNotificationQueue(connection: Redis, prefix: string): NotificationQueue {
  return new Queue(NOTIFICATIONS_QUEUE, { connection, prefix });
}
