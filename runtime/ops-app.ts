/**
 * The operations endpoints every process serves: `/healthz` (the process is alive),
 * `/readyz` (its dependencies answer) and `/metrics` (Prometheus text).
 *
 * Why separate liveness from readiness: an orchestrator restarts a process whose
 * liveness fails, but only stops routing to one that is not ready; a Redis outage
 * must not make every worker restart in a loop.
 */
import { serve } from "@hono/node-server";
import { Hono } from "hono";
import type { MetricsRegistry } from "./metrics.js";

/** A readiness check resolves when its dependency answers. */
export type ReadinessCheck = () => Promise<unknown>;

export interface OpsAppOptions {
  /** Named checks, e.g. `{ redis: () => redis.ping(), store: () => stores.ping() }`. */
  checks: Record<string, ReadinessCheck>;
  metrics: MetricsRegistry;
  /** A check slower than this counts as failed; default 2 s. */
  checkTimeoutMs?: number;
}

async function runCheck(check: ReadinessCheck, timeoutMs: number): Promise<string> {
  let timer: NodeJS.Timeout | undefined;
  try {
    await Promise.race([
      check(),
      new Promise((_, reject) => {
        timer = setTimeout(() => reject(new Error(`no answer within ${timeoutMs} ms`)), timeoutMs);
      }),
    ]);
    return "ok";
  } catch (error) {
    // The reason stays terse: readiness output is public and must not echo a URL.
    return error instanceof Error && /within \d+ ms/.test(error.message) ? "timeout" : "failed";
  } finally {
    clearTimeout(timer);
  }
}

/** The hono app with the three endpoints; serve it with `serveOps`. */
export function createOpsApp(options: OpsAppOptions): Hono {
  const timeoutMs = options.checkTimeoutMs ?? 2_000;
  const app = new Hono();
  app.get("/healthz", (c) => c.json({ status: "ok" }));
  app.get("/readyz", async (c) => {
    const names = Object.keys(options.checks);
    const results = await Promise.all(
      names.map(async (name) => [name, await runCheck(options.checks[name]!, timeoutMs)] as const),
    );
    const checks = Object.fromEntries(results);
    const ready = results.every(([, result]) => result === "ok");
    return c.json({ status: ready ? "ok" : "unavailable", checks }, ready ? 200 : 503);
  });
  app.get("/metrics", (c) =>
    c.text(options.metrics.render(), 200, { "content-type": "text/plain; version=0.0.4" }),
  );
  return app;
}

export interface OpsServer {
  /** The bound port (useful with port 0 in tests). */
  port: number;
  /** Stops accepting connections and drops idle keep-alive sockets. */
  close(): Promise<void>;
}

/** Listens on `hostname:port` and resolves once bound. */
export async function serveOps(app: Hono, hostname: string, port: number): Promise<OpsServer> {
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: app.fetch, hostname, port }, (info) => {
      resolve({
        port: info.port,
        close: () =>
          new Promise<void>((done) => {
            server.close(() => done());
            if ("closeIdleConnections" in server) server.closeIdleConnections();
          }),
      });
    });
    server.once("error", reject);
  });
}
