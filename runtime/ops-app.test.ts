import { describe, expect, it } from "vitest";
import { createMetrics } from "./metrics.js";
import { createOpsApp, serveOps } from "./ops-app.js";

describe("ops app", () => {
  const metrics = createMetrics();
  metrics.counter("pereezd_test_total", "A test counter").inc({ portal: "a.bitrix24.ru" });

  it("is alive and ready when every check answers", async () => {
    const app = createOpsApp({
      checks: { redis: async () => "PONG", store: async () => undefined },
      metrics,
    });
    expect((await app.request("/healthz")).status).toBe(200);
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ status: "ok", checks: { redis: "ok", store: "ok" } });
  });

  it("is not ready when a check fails or hangs, and says which without details", async () => {
    const app = createOpsApp({
      checks: {
        redis: () => Promise.reject(new Error("redis://secret@host down")),
        store: () => new Promise(() => undefined),
      },
      metrics,
      checkTimeoutMs: 50,
    });
    const ready = await app.request("/readyz");
    expect(ready.status).toBe(503);
    const body = await ready.text();
    expect(JSON.parse(body)).toEqual({
      status: "unavailable",
      checks: { redis: "failed", store: "timeout" },
    });
    expect(body).not.toContain("secret");
    expect((await app.request("/healthz")).status).toBe(200);
  });

  it("serves metrics as Prometheus text over a real socket", async () => {
    const server = await serveOps(createOpsApp({ checks: {}, metrics }), "127.0.0.1", 0);
    try {
      const res = await fetch(`http://127.0.0.1:${server.port}/metrics`);
      expect(res.headers.get("content-type")).toMatch(/^text\/plain/);
      expect(await res.text()).toContain('pereezd_test_total{portal="a.bitrix24.ru"} 1');
    } finally {
      await server.close();
    }
  });
});
