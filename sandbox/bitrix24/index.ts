/**
 * A local Bitrix24: one or more emulated portals, each on its own port of 127.0.0.1,
 * answering the REST API as the real service does (envelope, errors, batch, limits),
 * with an in-process admin API for tests (expire tokens, revoke webhooks, faults,
 * limits, counters). Imported only by tests, benchmarks and the demo.
 *
 * Behaviour is taken from the official docs (github.com/bitrix24/b24restdocs) and
 * ../shared/reference/bitrix24.md; each module cites its sources.
 */
import type { AddressInfo } from "node:net";
import type { Server } from "node:http";
import { serve } from "@hono/node-server";
import type { TokenLifetimes } from "./auth/portal-access.js";
import { realSleep, systemClock, type Clock, type Sleep } from "./clock.js";
import type { PortalData } from "./data/portal-data.js";
import type { FaultOptions } from "./faults.js";
import type { LimitsOptions } from "./limits/limits-config.js";
import type { MethodDefinition } from "./method-types.js";
import { PortalRuntime } from "./portal-runtime.js";
import { allScopes, buildPortal, webhookUrl, type SandboxPortalSpec } from "./sandbox-portals.js";
import { createPortalApp, type PortalApp } from "./server.js";
import { defaultMethods } from "./default-methods.js";
import { createHandle, type Bitrix24Sandbox, type SandboxPortal } from "./sandbox-handle.js";

export type { SandboxPortalSpec } from "./sandbox-portals.js";
export type { Bitrix24Sandbox, PortalRef, SandboxPortal } from "./sandbox-handle.js";
export type { PortalStats } from "./stats.js";
export { emptyStats } from "./stats.js";
export type { FaultKind, FaultOptions } from "./faults.js";
export type { LimitsOptions } from "./limits/limits-config.js";
export { createFakeClock, type Clock, type FakeClock, type Sleep } from "./clock.js";

/** Options of `startBitrix24Sandbox`; everything has a default. */
export interface Bitrix24SandboxOptions {
  /** How many portals, or their specs; 1 by default. */
  portals?: number | readonly SandboxPortalSpec[];
  /** Methods served besides the system ones and `batch`; the domain methods by default. */
  methods?: readonly MethodDefinition[];
  /** 127.0.0.1 by default. */
  hostname?: string;
  /** Port of the first portal, the next ones follow (+1, +2…); 0 (default) = any free port. */
  port?: number;
  /** Limits for every portal (a spec's own `limits` wins); `false` = `--no-limits`. */
  limits?: LimitsOptions | false;
  /** Run limits N times faster (drain ×N, windows ÷N). */
  timeScale?: number;
  faults?: FaultOptions | null;
  /** Seed of the fault sequences (portal i uses seed + i); 1 by default. */
  seed?: number;
  clock?: Clock;
  sleep?: Sleep;
  /** Token lifetimes in seconds (access 3600, refresh 180 days, code 30 by default). */
  tokenLifetimes?: Partial<TokenLifetimes>;
  /** Records of portal `index` when its spec has none. */
  createData?: (index: number) => PortalData;
  /** Told about handler exceptions (answered as 500); logs to stderr by default. */
  onHandlerError?: (error: unknown, method: string) => void;
}

/** Listen on `hostname:port` (0 = any free port); resolves with the bound port. */
function listen(app: PortalApp, hostname: string, port: number) {
  return new Promise<{ server: Server; port: number }>((resolve, reject) => {
    // serve() uses node:http unless told otherwise, so the server is an http.Server.
    const server = serve({ fetch: app.fetch, hostname, port }, (info: AddressInfo) =>
      resolve({ server, port: info.port }),
    ) as Server;
    server.once("error", reject);
  });
}

function closeServer(server: Server): Promise<void> {
  return new Promise((resolve) => {
    server.close(() => resolve());
    server.closeAllConnections();
  });
}

/** Start the sandbox; call `close()` when done. */
export async function startBitrix24Sandbox(
  options: Bitrix24SandboxOptions = {},
): Promise<Bitrix24Sandbox> {
  const clock = options.clock ?? systemClock;
  const sleep = options.sleep ?? realSleep;
  const hostname = options.hostname ?? "127.0.0.1";
  const methods = options.methods ?? defaultMethods();
  const specs: readonly SandboxPortalSpec[] =
    typeof options.portals === "number" || options.portals === undefined
      ? Array.from({ length: options.portals ?? 1 }, () => ({}))
      : options.portals;
  const scopes = allScopes(methods);
  const servers: Server[] = [];
  const portals: SandboxPortal[] = [];
  try {
    for (const [index, spec] of specs.entries()) {
      const built = buildPortal(spec, index, {
        clock,
        scopes,
        ...(options.tokenLifetimes ? { lifetimes: options.tokenLifetimes } : {}),
        ...(options.createData ? { createData: options.createData } : {}),
      });
      const runtime = new PortalRuntime(built.portal, {
        clock,
        limits: spec.limits ?? options.limits,
        ...(options.timeScale === undefined ? {} : { timeScale: options.timeScale }),
        faults: spec.faults === undefined ? (options.faults ?? null) : spec.faults,
        seed: (options.seed ?? 1) + index,
      });
      const app = createPortalApp({
        portal: built.portal,
        runtime,
        methods,
        clock,
        sleep,
        ...(options.onHandlerError ? { onHandlerError: options.onHandlerError } : {}),
      });
      const port = options.port ? options.port + index : 0;
      const { server, port: bound } = await listen(app, hostname, port);
      servers.push(server);
      const baseUrl = `http://${hostname}:${bound}`;
      portals.push({
        portal: built.portal,
        baseUrl,
        webhook: built.webhook,
        webhookUrl: webhookUrl(baseUrl, built.webhook),
        app: { clientId: built.app.clientId, clientSecret: built.app.clientSecret },
        tokens: built.tokens,
        clientEndpoint: `${baseUrl}/rest/`,
        runtime,
      });
    }
  } catch (error) {
    await Promise.all(servers.map(closeServer));
    throw error;
  }
  return createHandle(portals, servers, closeServer);
}
