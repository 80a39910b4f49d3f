/** Process plumbing shared by the bot and the worker: Redis connections, ops endpoints, metrics, shutdown. */
export { closeRedis, createRedisConnection, whenReady } from "./redis.js";
export type { RedisConnectionOptions, RedisRole } from "./redis.js";
export { createMetrics } from "./metrics.js";
export type { Metric, MetricsRegistry } from "./metrics.js";
export { createOpsApp, serveOps } from "./ops-app.js";
export type { OpsAppOptions, OpsServer, ReadinessCheck } from "./ops-app.js";
export { installShutdown, startDeadline, withDeadline } from "./shutdown.js";
export type { Deadline, ShutdownOptions } from "./shutdown.js";
