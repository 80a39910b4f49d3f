/**
 * The real composition root (worker/main.ts) as its own process: it starts on the
 * environment alone, serves /healthz, /readyz and /metrics, and exits 0 on SIGTERM.
 */
import { spawn } from "node:child_process";
import { createServer } from "node:net";
import { fileURLToPath } from "node:url";
import { afterAll, describe, expect, it } from "vitest";
import { REDIS_URL, cleanupPrefix, uniquePrefix, waitFor } from "./support/redis.js";

const freePort = () =>
  new Promise<number>((resolve) => {
    const server = createServer();
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });

describe("worker/main.ts", () => {
  const prefix = uniquePrefix("main");
  afterAll(() => cleanupPrefix(prefix));

  it("serves health, readiness and metrics, and shuts down cleanly on SIGTERM", async () => {
    const port = await freePort();
    const child = spawn(
      process.execPath,
      ["--import", "tsx", fileURLToPath(new URL("../../worker/main.ts", import.meta.url))],
      {
        env: {
          ...process.env,
          REDIS_URL,
          STORE: "memory",
          ENCRYPTION_KEY: "ab".repeat(32),
          QUEUE_PREFIX: prefix,
          HTTP_HOST: "127.0.0.1",
          WORKER_HTTP_PORT: String(port),
          SHUTDOWN_TIMEOUT_MS: "3000",
          LOG_LEVEL: "warn",
        },
        stdio: ["ignore", "inherit", "inherit"],
      },
    );
    const exited = new Promise<number | null>((resolve) =>
      child.once("exit", (code) => resolve(code)),
    );
    try {
      const base = `http://127.0.0.1:${port}`;
      await waitFor(
        "the ops endpoints",
        () =>
          fetch(`${base}/healthz`).then(
            (r) => r.ok,
            () => false,
          ),
        20_000,
        100,
      );
      const ready = await fetch(`${base}/readyz`);
      expect(ready.status).toBe(200);
      expect(await ready.json()).toEqual({
        status: "ok",
        checks: { redis: "ok", store: "ok", accepting: "ok" },
      });
      const text = await (await fetch(`${base}/metrics`)).text();
      expect(text).toContain("# TYPE pereezd_worker_active_jobs gauge");
      expect(text).toContain("# TYPE pereezd_crm_requests_total counter");

      const sent = Date.now();
      child.kill("SIGTERM");
      expect(await exited).toBe(0);
      expect(Date.now() - sent).toBeLessThan(3_000);
    } finally {
      child.kill("SIGKILL");
    }
  });
});
