import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";

describe("metrics registry", () => {
  it("renders counters and gauges with labels in the Prometheus text format", () => {
    const m = createMetrics();
    const jobs = m.counter("jobs_total", "Jobs finished");
    const active = m.gauge("active_jobs", "Jobs running");
    jobs.inc({ name: "run", outcome: "completed" });
    jobs.inc({ outcome: "completed", name: "run" }, 2);
    jobs.inc({ name: 'we"ird\n', outcome: "failed" });
    active.inc();
    active.inc({}, -1);
    active.set({}, 3);
    expect(jobs.get({ name: "run", outcome: "completed" })).toBe(3);
    expect(m.render()).toBe(
      [
        "# HELP jobs_total Jobs finished",
        "# TYPE jobs_total counter",
        'jobs_total{name="run",outcome="completed"} 3',
        'jobs_total{name="we\\"ird\\n",outcome="failed"} 1',
        "# HELP active_jobs Jobs running",
        "# TYPE active_jobs gauge",
        "active_jobs 3",
        "",
      ].join("\n"),
    );
  });

  it("refuses a decreasing counter and a bad name", () => {
    const m = createMetrics();
    expect(() => m.counter("c", "c").inc({}, -1)).toThrow(RangeError);
    expect(() => m.counter("bad-name", "x")).toThrow(RangeError);
  });
});
