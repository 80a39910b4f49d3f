/**
 * The CLI's composition root: the environment (config), the state (memory or
 * MongoDB), the secret box, the per-portal limiter (Redis when REDIS_URL is set,
 * so a CLI run and the workers share each portal's budget; memory otherwise),
 * the meter and the connector opener — wired as the worker wires them.
 */
import type { Redis } from "ioredis";
import { ConfigError, loadConfig, type Config } from "../config/index.js";
import { transientError } from "../core/errors.js";
import { createLogger, type Logger } from "../core/logger.js";
import { createMeter, createPlanCalendar, type Meter } from "../core/metering/index.js";
import {
  createMemoryLimiter,
  createRedisLimiter,
  type PortalLimiter,
} from "../core/ratelimit/index.js";
import { closeRedis, createRedisConnection, whenReady } from "../runtime/index.js";
import { createSecretBox, type SecretBox } from "../core/security/secret-box.js";
import {
  createConnectorOpener,
  createPolicyRegistry,
  type OpenConnector,
  type PolicyRegistry,
} from "../core/service/index.js";
import { createStores, type Stores } from "../core/store/index.js";
import type { StateKind } from "./args.js";

export interface CliRuntime {
  config: Config;
  state: StateKind;
  stores: Stores;
  box: SecretBox;
  limiter: PortalLimiter;
  policies: PolicyRegistry;
  allowedHosts: readonly string[];
  logger: Logger;
  meter: Meter;
  open: OpenConnector;
  close(): Promise<void>;
}

export interface RuntimeOptions {
  env: NodeJS.ProcessEnv;
  state?: StateKind;
  verbose: boolean;
  /** Given stores (tests): used as the memory state and left open on close. */
  stores?: Stores;
}

/** MongoDB state outlives the command, so it needs the database and a fixed key. */
function requireForMongo(env: NodeJS.ProcessEnv): void {
  const problems = [];
  if (!env.MONGO_URL?.trim()) {
    problems.push({
      variable: "MONGO_URL",
      problem: "required with --state mongo, e.g. mongodb://127.0.0.1:27017",
    });
  }
  if (!env.ENCRYPTION_KEY?.trim()) {
    problems.push({
      variable: "ENCRYPTION_KEY",
      problem:
        "required with --state mongo: later commands and the workers must decrypt the stored credentials",
    });
  }
  if (problems.length > 0) throw new ConfigError(problems);
}

/** Builds the runtime; throws `ConfigError` for a bad environment. */
export async function createCliRuntime(options: RuntimeOptions): Promise<CliRuntime> {
  const state: StateKind = options.state ?? (options.env.MONGO_URL ? "mongo" : "memory");
  if (state === "mongo") requireForMongo(options.env);
  // The demo role needs nothing for memory state; MONGO_URL and ENCRYPTION_KEY for mongo.
  const config = loadConfig("demo", { ...options.env, STORE: state });
  const logger = createLogger({
    level: options.verbose ? "debug" : options.env.LOG_LEVEL ? config.LOG_LEVEL : "silent",
    name: "cli",
    destination: process.stderr,
  });
  const stores =
    options.stores ??
    (state === "mongo"
      ? await createStores("mongo", { url: config.MONGO_URL!, dbName: config.MONGO_DB })
      : await createStores("memory"));
  const closeStores = () => (options.stores === undefined ? stores.close() : Promise.resolve());
  const policies = createPolicyRegistry();
  let redis: Redis | null = null;
  let limiter: PortalLimiter;
  if (config.REDIS_URL !== undefined) {
    redis = createRedisConnection(config.REDIS_URL, "producer", { name: "pereezd-cli-limiter" });
    redis.on("error", (error) => logger.debug({ err: error }, "limiter redis error"));
    await whenReady(redis, 5_000).catch(async (cause: unknown) => {
      await closeRedis(redis!);
      await closeStores();
      throw transientError(
        "Redis at REDIS_URL did not answer within 5 s; start it, or unset REDIS_URL to keep the rate limits in this process",
        { code: "redis_unreachable", cause },
      );
    });
    limiter = createRedisLimiter({
      redis,
      policy: policies.source,
      prefix: `${config.QUEUE_PREFIX}:rl:`,
    });
  } else {
    limiter = createMemoryLimiter({ policy: policies.source });
  }
  const box = createSecretBox(config.ENCRYPTION_KEY);
  const meter = createMeter({
    usage: stores.usage,
    quotaPerYear: config.PLAN_QUOTA_CALLS,
    calendar: createPlanCalendar(config.PROMOTION_WINDOWS, config.TIME_ZONE),
    logger,
  });
  const allowedHosts = config.ALLOWED_PRIVATE_HOSTS;
  return {
    config,
    state,
    stores,
    box,
    limiter,
    policies,
    allowedHosts,
    logger,
    meter,
    open: createConnectorOpener({ stores, box, limiter, policies, allowedHosts, logger }),
    close: async () => {
      await meter
        .close()
        .catch((error: unknown) => logger.warn({ err: error }, "usage not flushed"));
      if (redis !== null) await closeRedis(redis);
      await closeStores();
    },
  };
}
