/**
 * Composition root of a worker process (STYLE.md): config → logger → stores →
 * Redis → limiter and meter → engine runner → BullMQ worker → ops endpoints →
 * graceful shutdown. The only place that reads the environment; everything below
 * takes its dependencies as arguments. Run several of these on several machines:
 * they share the queues, the per-portal limits and the control channel via Redis.
 */
import { loadConfigOrExit } from "../config/index.js";
import { createLogger } from "../core/logger.js";
import { createMeter, createPlanCalendar } from "../core/metering/index.js";
import { createRedisLimiter } from "../core/ratelimit/index.js";
import {
  closeRedis,
  createMetrics,
  createOpsApp,
  createRedisConnection,
  installShutdown,
  serveOps,
  whenReady,
  withDeadline,
} from "../runtime/index.js";
import { createSecretBox } from "../core/security/secret-box.js";
import { createStores } from "../core/store/index.js";
import { createConnectorOpener, createPolicyRegistry } from "./connectors.js";
import { createEngineRunner } from "./engine-runner.js";
import { countingLimiter, createWorkerMetrics } from "./metrics.js";
import { startWorkerRuntime } from "./runtime.js";

const config = loadConfigOrExit("worker");
const logger = createLogger({ level: config.LOG_LEVEL, name: "worker" });
process.on("unhandledRejection", (reason) => logger.error({ err: reason }, "unhandled rejection"));

// loadConfig("worker") guarantees REDIS_URL, and MONGO_URL when STORE=mongo.
const redisUrl = config.REDIS_URL!;
const stores =
  config.STORE === "memory"
    ? await createStores("memory")
    : await createStores("mongo", { url: config.MONGO_URL!, dbName: config.MONGO_DB });

const registry = createMetrics();
const metrics = createWorkerMetrics(registry);
// Fail fast while Redis is away: a limiter error is `transient`, BullMQ retries the job.
const limiterRedis = createRedisConnection(redisUrl, "producer", {
  name: "pereezd-worker-limiter",
});
limiterRedis.on("error", (error) => logger.warn({ err: error }, "limiter redis error"));
await whenReady(limiterRedis);
const policies = createPolicyRegistry();
const limiter = countingLimiter(
  createRedisLimiter({
    redis: limiterRedis,
    policy: policies.source,
    prefix: `${config.QUEUE_PREFIX}:rl:`,
  }),
  metrics,
);
const meter = createMeter({
  usage: stores.usage,
  quotaPerYear: config.PLAN_QUOTA_CALLS,
  calendar: createPlanCalendar(config.PROMOTION_WINDOWS, config.TIME_ZONE),
  flushEveryMs: 5_000,
  logger,
});
const runner = createEngineRunner({
  stores,
  meter,
  logger,
  openConnector: createConnectorOpener({
    stores,
    box: createSecretBox(config.ENCRYPTION_KEY),
    limiter,
    policies,
    allowedHosts: config.ALLOWED_PRIVATE_HOSTS,
    logger,
  }),
});

const runtime = await startWorkerRuntime({
  redisUrl,
  prefix: config.QUEUE_PREFIX,
  concurrency: config.WORKER_CONCURRENCY,
  stores,
  runner,
  logger,
  metrics,
  quota: (customerId) => meter.quota(customerId),
});

let stopping = false;
const ops = await serveOps(
  createOpsApp({
    checks: {
      redis: () => runtime.pingRedis(),
      store: () => stores.ping(),
      // Not ready while shutting down: no new traffic should count on this process.
      accepting: async () => {
        if (stopping) throw new Error("shutting down");
      },
    },
    metrics: registry,
  }),
  config.HTTP_HOST,
  config.WORKER_HTTP_PORT,
);
logger.info({ port: ops.port }, "ops endpoints listening");

installShutdown({
  deadlineMs: config.SHUTDOWN_TIMEOUT_MS,
  logger,
  stop: async (deadline) => {
    stopping = true;
    await runtime.close(deadline);
    await withDeadline(meter.close(), deadline.remainingMs(), () =>
      logger.warn("usage not flushed before the deadline"),
    );
    await closeRedis(limiterRedis);
    await withDeadline(stores.close(), deadline.remainingMs(), () => undefined);
    await ops.close();
  },
});
