/** Public surface of `core/ratelimit`: the `PortalLimiter` port, its two implementations and the policies. */
export type { LimiterStats, OperatingUsage, PortalLimiter } from "./portal-limiter.js";
export { BURST_FACTOR, RATE_FACTOR, policies, resolvePolicy, scalePolicy } from "./policies.js";
export type { Bitrix24BoxOptions, LimitPolicy, OperatingPolicy, PolicySource } from "./policies.js";
export { createMemoryLimiter } from "./memory-limiter.js";
export type { MemoryLimiterDeps } from "./memory-limiter.js";
export { createRedisLimiter } from "./redis-limiter.js";
export type { RedisLimiterDeps } from "./redis-limiter.js";
