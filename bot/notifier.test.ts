/**
 * Worker → `notifications` queue (real Redis) → the bot's notifier → a fake chat:
 * events arrive in the order the worker sent them; a malformed one is dropped.
 */
import { Queue } from "bullmq";
import { afterAll, describe, expect, it } from "vitest";
import { silentLogger } from "../core/logger.js";
import { closeRedis, createRedisConnection } from "../runtime/index.js";
import { createMemoryStores } from "../core/store/index.js";
import { REDIS_URL, cleanupPrefix, uniquePrefix, waitFor } from "../test/worker/support/redis.js";
import { NOTIFICATIONS_QUEUE, createNotificationQueue } from "../worker/jobs.js";
import { createNotificationEmitter } from "../worker/notify.js";
import { startNotifier, type ChatSender } from "./notifier.js";

describe("notifier over BullMQ", () => {
  const prefix = uniquePrefix("notifier");
  const producer = createRedisConnection(REDIS_URL, "producer");
  const consumer = createRedisConnection(REDIS_URL, "worker");
  afterAll(async () => {
    await closeRedis(producer);
    await closeRedis(consumer);
    await cleanupPrefix(prefix);
  });

  it("delivers a migration's events in the order they were sent", async () => {
    const stores = createMemoryStores();
    const customer = await stores.customers.upsertByChat("telegram", "5", { language: "en" });
    const m = await stores.migrations.create({
      customerId: customer.id,
      chat: { channel: "telegram", chatId: "5" },
      sourceConnectionId: "s",
      targetConnectionId: "t",
      route: "bitrix24->bitrix24",
    });
    const seen: string[] = [];
    const sender: ChatSender = {
      send: async (_c, text) => (
        seen.push(`send:${text.split("\n")[0]}`),
        { messageId: seen.length }
      ),
      edit: async (_c, _id, text) => void seen.push(`edit:${text.split("\n")[1]}`),
      sendDocument: async (_c, name) => void seen.push(`doc:${name.slice(0, 14)}`),
    };
    const notifier = await startNotifier({
      connection: consumer,
      prefix,
      sender,
      stores,
      logger: silentLogger(),
      editIntervalMs: 0,
    });
    const queue = createNotificationQueue(producer, prefix);
    const emitter = createNotificationEmitter({
      queue,
      logger: silentLogger(),
      progressIntervalMs: 0,
    });
    const snapshot = (n: number) => ({
      entities: [{ entity: "deals", read: n, written: n, failed: 0, skipped: 0, total: 9 }],
      requests: n,
      ratePerSec: null,
      etaSeconds: null,
    });
    try {
      await emitter.emit(m, { type: "status", status: "running" });
      for (let n = 1; n <= 8; n++) emitter.progress(m, "run", snapshot(n));
      await emitter.finalProgress(m, "run", "completed", snapshot(9));
      const report = {
        entities: snapshot(9).entities,
        requests: 9,
        durationMs: 1_000,
        failuresCsv: "x\n",
        links: [],
      };
      await emitter.emit(m, { type: "completed", stage: "run", outcome: "completed", report });
      await new Queue(NOTIFICATIONS_QUEUE, { connection: producer, prefix }).add("progress", {
        nonsense: true,
      });
      await emitter.emit(m, { type: "status", status: "paused" });
      await waitFor("all events", () => seen.length >= 13);
      expect(seen).toEqual([
        "send:The migration is running.",
        "send:Migration: running",
        ...[2, 3, 4, 5, 6, 7, 8].map(
          (n) =>
            `edit:Deals: ${"▓".repeat(Math.round((n / 9) * 10)).padEnd(10, "░")} ${Math.floor((n / 9) * 100)}% — ${n} of 9`,
        ),
        "edit:Deals: ▓▓▓▓▓▓▓▓▓▓ 100% — 9 of 9",
        "send:The migration is complete. Moved: 9, failed: 0. API calls: 9. Time: 1 s.",
        `doc:failed-records`,
        "send:The migration is paused. Everything moved so far is kept; press Resume when you are ready.",
      ]);
    } finally {
      await emitter.close();
      await queue.close();
      await notifier.close();
    }
  });
});
