/**
 * Entry of a real worker process in multi-process tests (run with `node --import tsx`).
 * The same runtime and shutdown path as worker/main.ts, with the test's pieces:
 * the test process's stores over loopback (core/store/remote), the fake runner, short stalled-job timings.
 * Options come as JSON in PEREEZD_TEST_WORKER.
 */
import { createLogger } from "../../../core/logger.js";
import { createRedisLimiter, type LimitPolicy } from "../../../core/ratelimit/index.js";
import {
  closeRedis,
  createMetrics,
  createRedisConnection,
  installShutdown,
} from "../../../runtime/index.js";
import { createRemoteStores } from "../../../core/store/remote/remote-stores.js";
import { createSecretBox } from "../../../core/security/secret-box.js";
import { countingLimiter, createWorkerMetrics } from "../../../worker/metrics.js";
import { createConnectorOpener, createPolicyRegistry } from "../../../worker/connectors.js";
import { createEngineRunner } from "../../../worker/engine-runner.js";
import type { MigrationRunner } from "../../../worker/processors/runner.js";
import { startWorkerRuntime } from "../../../worker/runtime.js";
import { createFakeRunner } from "./fake-runner.js";

export interface TestWorkerOptions {
  name: string;
  prefix: string;
  /** Where the test process serves its stores (`startStoreServer`). */
  storeUrl: string;
  redisUrl: string;
  concurrency: number;
  shutdownTimeoutMs: number;
  lockDurationMs: number;
  stalledIntervalMs: number;
  controlPollMs: number;
  progressIntervalMs: number;
  /** Requests per second and bucket size of every portal (fake runner). */
  policy: { ratePerSec: number; burst: number };
  /** Run the real engine and Bitrix24 connector instead of the fake runner. */
  engine?: { keyHex: string; allowedHosts: string[] };
}

const options = JSON.parse(process.env.PEREEZD_TEST_WORKER ?? "{}") as TestWorkerOptions;
const logger = createLogger({
  level: (process.env.TEST_WORKER_LOG ?? "warn") as "warn",
  name: options.name,
  destination: process.stderr,
});
const stores = createRemoteStores(options.storeUrl);
const redis = createRedisConnection(options.redisUrl, "worker", { name: options.name });
const policy: LimitPolicy = { name: "test", documented: options.policy, ...options.policy };
const metrics = createWorkerMetrics(createMetrics());

/** The production wiring of worker/main.ts (engine, connectors, policies per portal), or the fake. */
function runnerOf(): MigrationRunner {
  if (options.engine === undefined) {
    const limiter = createRedisLimiter({ redis, policy, prefix: `${options.prefix}:rl:` });
    return createFakeRunner({ redis, stores, limiter, prefix: options.prefix });
  }
  const policies = createPolicyRegistry();
  const limiter = countingLimiter(
    createRedisLimiter({ redis, policy: policies.source, prefix: `${options.prefix}:rl:` }),
    metrics,
  );
  const box = createSecretBox(Buffer.from(options.engine.keyHex, "hex"));
  const openConnector = createConnectorOpener({
    stores,
    box,
    limiter,
    policies,
    allowedHosts: options.engine.allowedHosts,
    logger,
  });
  return createEngineRunner({ stores, openConnector, logger });
}

const runtime = await startWorkerRuntime({
  redisUrl: options.redisUrl,
  prefix: options.prefix,
  concurrency: options.concurrency,
  stores,
  runner: runnerOf(),
  logger,
  metrics,
  lockDurationMs: options.lockDurationMs,
  stalledIntervalMs: options.stalledIntervalMs,
  controlPollMs: options.controlPollMs,
  progressIntervalMs: options.progressIntervalMs,
});

installShutdown({
  deadlineMs: options.shutdownTimeoutMs,
  logger,
  stop: async (deadline) => {
    const { forced } = await runtime.close(deadline);
    await closeRedis(redis);
    process.send?.({ kind: "stopped", forced, crmRequests: metrics.registry.render() });
  },
});
process.send?.({ kind: "ready", pid: process.pid });
