/** Public surface of `core/metering`: the meter, its store port and the plan calendar. */
export { DEFAULT_QUOTA_PER_YEAR, createMeter } from "./meter.js";
export type { Meter, MeterContext, MeterDeps, QuotaStatus } from "./meter.js";
export type { CallKind, CallUsage, RequestMeter } from "./call-usage.js";
export { createPlanCalendar } from "./plan-calendar.js";
export type { PlanCalendar, PromotionWindow } from "./plan-calendar.js";
export { TOTAL_SCOPE, migrationScope } from "./usage-port.js";
export type { UsageCounters, UsageDelta, UsageKey, UsageRepository } from "./usage-port.js";
