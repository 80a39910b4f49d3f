/**
 * The demo's world, in one process: two sandbox Bitrix24 portals (a generated
 * source of a few thousand records and an empty target, cloud limits on but
 * time-scaled), the worker runtime with the real engine, the notifier, and the
 * bot with the terminal as its chat (the console Bot API bridge). Everything a
 * production deployment splits over processes is wired exactly as there, only
 * with the memory store (unless MONGO_URL) and one Redis.
 *
 * The demo's composition root: the only production-side file that may import
 * the sandbox (STYLE.md). The e2e test starts it the same way.
 */
import { randomBytes } from "node:crypto";
import type { Update, User } from "grammy/types";
import type { Config } from "../../config/index.js";
import type { Logger } from "../../core/logger.js";
import { createMeter, createPlanCalendar } from "../../core/metering/index.js";
import { createMemoryLimiter } from "../../core/ratelimit/index.js";
import {
  closeRedis,
  createRedisConnection,
  startDeadline,
  whenReady,
} from "../../runtime/index.js";
import { createSecretBox } from "../../core/security/secret-box.js";
import { createStores, type Stores } from "../../core/store/index.js";
import { generatePortalData } from "../../sandbox/bitrix24/data/generate.js";
import { startBitrix24Sandbox, type Bitrix24Sandbox } from "../../sandbox/bitrix24/index.js";
import { createConnectorOpener, createPolicyRegistry } from "../../worker/connectors.js";
import { createControl } from "../../worker/control.js";
import { createEngineRunner } from "../../worker/engine-runner.js";
import { createMigrationQueue, createNotificationQueue } from "../../worker/jobs.js";
import { startWorkerRuntime } from "../../worker/runtime.js";
import { BRIDGE_BOT_INFO } from "../channels/bot-api-bridge.js";
import { bridgedSender } from "../channels/bridged-sender.js";
import { ConsoleChannel } from "../channels/console/console-channel.js";
import { createBotDeps } from "../compose.js";
import { createBot } from "../create-bot.js";
import { routeByChannel, startNotifier } from "../notifier.js";

export interface DemoOptions {
  config: Config;
  redisUrl: string;
  logger: Logger;
  /** About how many records the source portal holds. */
  size: number;
  /** Limits (sandbox and our limiter) run this many times faster. */
  timeScale: number;
  outputDir: string;
  write: (text: string) => void;
  /** The chat user's Telegram language (`ru`, `en`). */
  language: string;
  /** Progress snapshots and edits at most this often; default 1 s. */
  progressIntervalMs?: number;
  pilotSize?: number;
  /** Queue key prefix; default a fresh one under QUEUE_PREFIX. */
  queuePrefix?: string;
}

export interface Demo {
  channel: ConsoleChannel;
  sandbox: Bitrix24Sandbox;
  stores: Stores;
  /** SOURCE_WEBHOOK, TARGET_WEBHOOK, OUTPUT_DIR: what a script may refer to. */
  vars: Record<string, string>;
  handle: (update: Update) => Promise<void>;
  /** A new Bot over the same stores and chat: the bot process restarted. */
  restartBot(): void;
  close(): Promise<void>;
}

export async function startDemo(options: DemoOptions): Promise<Demo> {
  const { config, logger, redisUrl } = options;
  const interval = options.progressIntervalMs ?? 1_000;
  const sandbox = await startBitrix24Sandbox({
    portals: [{ data: generatePortalData({ size: options.size, seed: 1 }) }, {}],
    limits: { timeScale: options.timeScale },
    onHandlerError: (error, method) =>
      logger.error({ err: error, method }, "sandbox handler failed"),
  });
  const allowedHosts = [
    ...sandbox.portals.map((p) => new URL(p.baseUrl).host),
    ...config.ALLOWED_PRIVATE_HOSTS,
  ];
  const stores =
    config.STORE === "mongo" && config.MONGO_URL
      ? await createStores("mongo", { url: config.MONGO_URL, dbName: config.MONGO_DB })
      : await createStores("memory");
  const box = createSecretBox(config.ENCRYPTION_KEY);
  const policies = createPolicyRegistry(undefined, { timeScale: options.timeScale });
  const limiter = createMemoryLimiter({ policy: policies.source });
  const meter = createMeter({
    usage: stores.usage,
    quotaPerYear: config.PLAN_QUOTA_CALLS,
    calendar: createPlanCalendar(config.PROMOTION_WINDOWS, config.TIME_ZONE),
    flushEveryMs: 2_000,
    logger,
  });
  // A prefix of its own: a shared Redis keeps nothing of other runs, and this run leaves nothing.
  const prefix =
    options.queuePrefix ?? `${config.QUEUE_PREFIX}-demo-${randomBytes(4).toString("hex")}`;
  const worker = await startWorkerRuntime({
    redisUrl,
    prefix,
    concurrency: 2,
    stores,
    logger,
    quota: (customerId) => meter.quota(customerId),
    progressIntervalMs: interval,
    controlPollMs: 500,
    runner: createEngineRunner({
      stores,
      meter,
      logger,
      openConnector: createConnectorOpener({
        stores,
        box,
        limiter,
        policies,
        allowedHosts,
        logger,
      }),
    }),
  });

  const producer = createRedisConnection(redisUrl, "producer", { name: "pereezd-demo" });
  const consumer = createRedisConnection(redisUrl, "worker", { name: "pereezd-demo-notifier" });
  for (const redis of [producer, consumer])
    redis.on("error", (error) => logger.warn({ err: error }, "redis error"));
  await whenReady(producer);
  const queue = createMigrationQueue(producer, prefix);
  const { requestControl } = createControl({ stores, redis: producer, prefix, queue });

  const user: User = {
    id: 777001,
    is_bot: false,
    first_name: "Demo",
    language_code: options.language,
  };
  const channel = new ConsoleChannel({ outputDir: options.outputDir, write: options.write, user });
  const notifier = await startNotifier({
    connection: consumer,
    prefix,
    logger,
    sender: routeByChannel({ console: bridgedSender(channel.bridge, "console") }),
    stores,
    editIntervalMs: interval,
  });
  const deps = createBotDeps({
    stores,
    channel: "console",
    box,
    logger,
    limiter,
    allowedHosts,
    jobs: queue,
    control: requestControl,
    downloadFile: channel.bridge.download,
    settings: {
      defaultLanguage: config.DEFAULT_LANGUAGE,
      workingHours: config.WORKING_HOURS,
      timeZone: config.TIME_ZONE,
      pilotSize: options.pilotSize ?? 5,
      maxRetryDelaySeconds: 5,
    },
    plan: { quotaPerYear: config.PLAN_QUOTA_CALLS, promotions: config.PROMOTION_WINDOWS },
  });
  const build = () =>
    createBot({
      token: "1:console-demo",
      deps,
      botInfo: BRIDGE_BOT_INFO,
      client: { fetch: channel.bridge.fetch },
    });
  let bot = build();

  return {
    channel,
    sandbox,
    stores,
    vars: {
      SOURCE_WEBHOOK: sandbox.portal(0).webhookUrl,
      TARGET_WEBHOOK: sandbox.portal(1).webhookUrl,
      OUTPUT_DIR: options.outputDir,
    },
    handle: (update) => bot.handleUpdate(update),
    restartBot() {
      bot = build();
    },
    async close() {
      const deadline = startDeadline(15_000);
      await notifier.close();
      await worker.close(deadline);
      await meter
        .close()
        .catch((error: unknown) => logger.warn({ err: error }, "usage flush failed"));
      const notifications = createNotificationQueue(producer, prefix);
      await Promise.allSettled([
        queue.queue.obliterate({ force: true }),
        notifications.obliterate({ force: true }),
      ]);
      await Promise.allSettled([queue.close(), notifications.close()]);
      await Promise.all([closeRedis(producer), closeRedis(consumer)]);
      await sandbox.close();
      await stores.close();
    },
  };
}
