/**
 * The bot's consumer of the `notifications` queue: a BullMQ Worker that hands each
 * event to the delivery (throttled progress edits, messages, documents).
 *
 * Concurrency 1: events of a migration are delivered in the order the worker sent
 * them (BullMQ is FIFO). A delivery that fails is retried by the queue (attempts
 * are set by the producer); a retried event may then arrive after later ones, which
 * is harmless for progress (older snapshots are dropped) and rare for the rest.
 */
import { Worker } from "bullmq";
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import { NOTIFICATIONS_QUEUE, notificationEventSchema } from "../worker/jobs.js";
import { createDelivery, type Delivery, type DeliveryDeps } from "./notifier/delivery.js";

export type {
  ChatSender,
  Keyboard,
  KeyboardButton,
  NotifierClock,
  SentMessage,
} from "./notifier/types.js";
export { CONTROL_CALLBACK_PATTERN, controlCallbackData } from "./notifier/render.js";
export { createTelegramSender } from "./notifier/telegram-sender.js";
export { routeByChannel } from "./notifier/channel-router.js";
export { createDelivery } from "./notifier/delivery.js";

export interface NotifierOptions extends DeliveryDeps {
  /** A worker-role connection (`maxRetriesPerRequest: null`, runtime/redis.ts). */
  connection: Redis;
  /** QUEUE_PREFIX, the same as the worker's. */
  prefix: string;
  logger: Logger;
}

export interface Notifier {
  worker: Worker;
  delivery: Delivery;
  /** Stops taking events and waits for the one being delivered. */
  close(): Promise<void>;
}

/** Starts consuming notifications; resolves once connected. */
export async function startNotifier(options: NotifierOptions): Promise<Notifier> {
  const delivery = createDelivery(options);
  const worker = new Worker(
    NOTIFICATIONS_QUEUE,
    async (job) => {
      const parsed = notificationEventSchema.safeParse(job.data);
      if (!parsed.success) {
        // A malformed event will not get better on retry: log and drop it.
        options.logger.error(
          { jobId: job.id, issues: parsed.error.issues },
          "malformed notification dropped",
        );
        return;
      }
      await delivery.handle(parsed.data);
    },
    { connection: options.connection, prefix: options.prefix, concurrency: 1 },
  );
  worker.on("error", (error) => options.logger.error({ err: error }, "notifier error"));
  worker.on("failed", (job, error) =>
    options.logger.warn(
      { err: error, jobId: job?.id, attempt: job?.attemptsMade },
      "notification delivery failed",
    ),
  );
  await worker.waitUntilReady();
  return {
    worker,
    delivery,
    async close() {
      await worker.close();
      delivery.close();
    },
  };
}
