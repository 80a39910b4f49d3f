/**
 * Composition root of the bot process (STYLE.md): config → logger → stores →
 * Redis (queue producer, control, limiter, notifier) → bot → HTTP (ops endpoints
 * and, in webhook mode, the Telegram webhook) → long polling or webhook →
 * graceful shutdown. This is the production entry (`node dist/bot/main.js`): it
 * needs TELEGRAM_BOT_TOKEN. `npm start` goes through `start.ts`, which runs the
 * local demo instead when there is no token; production never imports the sandbox.
 */
import { Api } from "grammy";
import { loadConfigOrExit } from "../config/index.js";
import { createLogger } from "../core/logger.js";
import { createRedisLimiter, policies } from "../core/ratelimit/index.js";
import {
  closeRedis,
  createMetrics,
  createRedisConnection,
  installShutdown,
  serveOps,
  withDeadline,
} from "../runtime/index.js";
import { createSecretBox } from "../core/security/secret-box.js";
import { createStores } from "../core/store/index.js";
import { createControl } from "../worker/control.js";
import { createMigrationQueue } from "../worker/jobs.js";
import { createBotDeps } from "./compose.js";
import { createBot } from "./create-bot.js";
import { createTelegramSender, routeByChannel, startNotifier } from "./notifier.js";
import { telegramFileDownloader } from "./telegram/file-downloader.js";
import { createBotHttpApp, webhookPath } from "./telegram/http-app.js";

await runTelegram();

async function runTelegram(): Promise<void> {
  const config = loadConfigOrExit("bot");
  const logger = createLogger({ level: config.LOG_LEVEL, name: "bot" });
  process.on("unhandledRejection", (reason) =>
    logger.error({ err: reason }, "unhandled rejection"),
  );
  // loadConfig("bot") guarantees these.
  const token = config.TELEGRAM_BOT_TOKEN!;
  const redisUrl = config.REDIS_URL!;
  const stores =
    config.STORE === "memory"
      ? await createStores("memory")
      : await createStores("mongo", { url: config.MONGO_URL!, dbName: config.MONGO_DB });

  const producer = createRedisConnection(redisUrl, "producer", { name: "pereezd-bot" });
  const consumer = createRedisConnection(redisUrl, "worker", { name: "pereezd-bot-notifier" });
  for (const redis of [producer, consumer])
    redis.on("error", (error) => logger.warn({ err: error }, "redis error"));
  const queue = createMigrationQueue(producer, config.QUEUE_PREFIX);
  const { requestControl } = createControl({
    stores,
    redis: producer,
    prefix: config.QUEUE_PREFIX,
    queue,
  });

  const registry = createMetrics();
  const deps = createBotDeps({
    stores,
    channel: "telegram",
    box: createSecretBox(config.ENCRYPTION_KEY),
    logger,
    // The same budget keys as the workers: the bot's few checks count against each portal too.
    limiter: createRedisLimiter({
      redis: producer,
      policy: policies.bitrix24Cloud,
      prefix: `${config.QUEUE_PREFIX}:rl:`,
    }),
    allowedHosts: config.ALLOWED_PRIVATE_HOSTS,
    jobs: queue,
    control: requestControl,
    downloadFile: telegramFileDownloader(config.TELEGRAM_API_ROOT, token),
    settings: {
      defaultLanguage: config.DEFAULT_LANGUAGE,
      workingHours: config.WORKING_HOURS,
      timeZone: config.TIME_ZONE,
      pilotSize: 5,
      maxRetryDelaySeconds: 5,
    },
    plan: { quotaPerYear: config.PLAN_QUOTA_CALLS, promotions: config.PROMOTION_WINDOWS },
  });
  const bot = createBot({
    token,
    deps,
    client: { apiRoot: config.TELEGRAM_API_ROOT },
    metrics: {
      updates: registry.counter("pereezd_bot_updates_total", "Updates handled, by kind"),
      failures: registry.counter(
        "pereezd_bot_update_failures_total",
        "Updates that ended in an apology",
      ),
    },
  });
  await bot.init();

  const notifier = await startNotifier({
    connection: consumer,
    prefix: config.QUEUE_PREFIX,
    logger,
    // A plain Api: the notifier waits out 429s and reacts to "message to edit not found"
    // itself, which the bot's transformers (auto-retry, harmless refusals) would hide.
    sender: routeByChannel({
      telegram: createTelegramSender(new Api(token, { apiRoot: config.TELEGRAM_API_ROOT })),
    }),
    stores,
  });

  const webhook = config.TELEGRAM_MODE === "webhook";
  let stopping = false;
  const app = createBotHttpApp({
    checks: {
      redis: () => producer.ping(),
      store: () => stores.ping(),
      accepting: async () => {
        if (stopping) throw new Error("shutting down");
      },
    },
    metrics: registry,
    ...(webhook ? { webhook: { bot, token, secretToken: config.TELEGRAM_WEBHOOK_SECRET! } } : {}),
  });
  const http = await serveOps(app, config.HTTP_HOST, config.BOT_HTTP_PORT);
  logger.info(
    { port: http.port, mode: config.TELEGRAM_MODE, bot: bot.botInfo.username },
    "bot HTTP listening",
  );

  if (webhook) {
    const url = `${config.PUBLIC_URL!.replace(/\/$/, "")}${webhookPath(token)}`;
    await bot.api.setWebhook(url, {
      secret_token: config.TELEGRAM_WEBHOOK_SECRET!,
      allowed_updates: ["message", "callback_query"],
    });
    logger.info("webhook registered");
  } else {
    await bot.api.deleteWebhook();
    // Resolves when polling stops; a crash of the loop ends the process so the orchestrator restarts it.
    bot.start({ allowed_updates: ["message", "callback_query"] }).catch((error: unknown) => {
      logger.fatal({ err: error }, "long polling stopped");
      process.exit(1);
    });
    logger.info("long polling started");
  }

  installShutdown({
    deadlineMs: config.SHUTDOWN_TIMEOUT_MS,
    logger,
    stop: async (deadline) => {
      stopping = true;
      if (!webhook) await withDeadline(bot.stop(), deadline.remainingMs(), () => undefined);
      await http.close();
      await withDeadline(notifier.close(), deadline.remainingMs(), () =>
        logger.warn("notifier did not stop in time"),
      );
      await withDeadline(queue.close(), deadline.remainingMs(), () => undefined);
      await Promise.all([closeRedis(producer), closeRedis(consumer)]);
      await withDeadline(stores.close(), deadline.remainingMs(), () => undefined);
    },
  });
}
