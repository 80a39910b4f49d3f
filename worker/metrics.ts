/**
 * The worker's Prometheus series (served on `/metrics`) and the limiter decorator
 * that counts CRM requests per portal.
 *
 * Why count at the limiter: every CRM request of every connector takes a token for
 * its portal first, so this is the one place that sees them all with the portal key,
 * without each connector reporting to metrics itself.
 */
import type { PortalLimiter } from "../core/ratelimit/index.js";
import type { Metric, MetricsRegistry } from "../runtime/index.js";

export interface WorkerMetrics {
  registry: MetricsRegistry;
  /** Gauge: jobs running in this process. */
  activeJobs: Metric;
  /** Counter by `name` and `outcome` (completed | failed | deferred). */
  jobs: Metric;
  /** Counter by `portal`: CRM requests granted by the limiter. */
  crmRequests: Metric;
  /** Counter by error `kind` (core/errors), including retried ones. */
  errors: Metric;
}

export function createWorkerMetrics(registry: MetricsRegistry): WorkerMetrics {
  return {
    registry,
    activeJobs: registry.gauge(
      "pereezd_worker_active_jobs",
      "Migration jobs running in this process",
    ),
    jobs: registry.counter(
      "pereezd_worker_jobs_total",
      "Migration jobs finished, by job name and outcome",
    ),
    crmRequests: registry.counter("pereezd_crm_requests_total", "CRM requests sent, by portal"),
    errors: registry.counter(
      "pereezd_worker_errors_total",
      "Errors that stopped a job attempt, by kind",
    ),
  };
}

/** `limiter`, counting every granted token as one request of its portal. */
export function countingLimiter(
  limiter: PortalLimiter,
  metrics: Pick<WorkerMetrics, "crmRequests">,
): PortalLimiter {
  return {
    ...limiter,
    acquire: async (key, cost = 1, signal) => {
      await limiter.acquire(key, cost, signal);
      metrics.crmRequests.inc({ portal: key }, cost);
    },
    acquireMethod: (key, method, signal) => limiter.acquireMethod(key, method, signal),
    penalize: (key, penalty) => limiter.penalize(key, penalty),
    penalizeMethod: (key, method, penalty) => limiter.penalizeMethod(key, method, penalty),
    observeOperating: (key, method, usage) => limiter.observeOperating(key, method, usage),
    stats: (key) => limiter.stats(key),
  };
}
