/**
 * The hono app of one emulated portal. Each portal gets its own app (and, under
 * `startBitrix24Sandbox`, its own port), so its base URL is a bare origin like a real
 * portal's and webhook URLs look like real ones: `<origin>/rest/<userId>/<code>/`.
 *
 * Routes: `/rest/…` (REST calls, see rest-handler.ts), `/oauth/token/` and
 * `/oauth/authorize/` (see auth/oauth-routes.ts). Anything else is a plain 404 like the
 * portal's web server gives.
 */
import type { HttpBindings } from "@hono/node-server";
import { Hono } from "hono";
import { handleAuthorizeRequest, handleTokenRequest } from "./auth/oauth-routes.js";
import { createBatchMethod } from "./batch.js";
import type { Clock, Sleep } from "./clock.js";
import { dropConnection, faultResponse } from "./faults.js";
import { MethodRegistry } from "./method-registry.js";
import type { MethodDefinition } from "./method-types.js";
import type { Portal } from "./portal.js";
import type { PortalRuntime } from "./portal-runtime.js";
import { normalizePath, parseRestPath } from "./request/route.js";
import { handleRest } from "./rest-handler.js";
import { createSystemMethods } from "./system-methods.js";

/** What one portal's app serves and with which clock. */
export interface PortalAppOptions {
  portal: Portal;
  runtime: PortalRuntime;
  /** The domain methods; system methods and `batch` are added (a same-named one here replaces them). */
  methods: readonly MethodDefinition[];
  clock: Clock;
  sleep: Sleep;
  /** Told about exceptions in handlers (they answer 500 `INTERNAL_SERVER_ERROR`). */
  onHandlerError?: (error: unknown, method: string) => void;
}

const defaultHandlerError = (error: unknown, method: string): void => {
  console.error(`[bitrix24 sandbox] ${method} failed:`, error);
};

/** System methods, `batch`, then the given methods, in one case-insensitive registry. */
export function buildRegistry(
  options: Pick<PortalAppOptions, "runtime" | "methods" | "clock"> & {
    onHandlerError: (error: unknown, method: string) => void;
  },
): MethodRegistry {
  const registry = new MethodRegistry();
  registry.add(createSystemMethods(registry, options.clock));
  registry.add([
    createBatchMethod(registry, (call) => ({
      portal: call.portal,
      runtime: options.runtime,
      clock: options.clock,
      baseUrl: call.baseUrl,
      onHandlerError: options.onHandlerError,
    })),
  ]);
  const own = new MethodRegistry().add(options.methods);
  registry.add(own.all(), true);
  return registry;
}

/** A portal's hono app; under @hono/node-server `c.env` holds the node request and response. */
export type PortalApp = Hono<{ Bindings: HttpBindings }>;

/** The app serving one portal; use `app.request()` in tests or mount it with `serve`. */
export function createPortalApp(options: PortalAppOptions): PortalApp {
  const onHandlerError = options.onHandlerError ?? defaultHandlerError;
  const registry = buildRegistry({ ...options, onHandlerError });
  const deps = { ...options, registry, onHandlerError };
  const app = new Hono<{ Bindings: HttpBindings }>();

  app.all("*", async (c) => {
    const env = c.env as Partial<HttpBindings> | undefined;
    const pathname = new URL(c.req.url).pathname;
    const path = normalizePath(pathname).toLowerCase();
    const route = parseRestPath(pathname);
    if (route) return handleRest(deps, c.req.raw, route, env);
    if (path === "/oauth/token" || path === "/oauth/token/") {
      options.runtime.stats.counters.tokenRequests++;
      const fault = options.runtime.faults.pick(true);
      if (fault) options.runtime.stats.counters.faults[fault]++;
      if (fault === "500" || fault === "503") return faultResponse(fault, "json");
      const response = await handleTokenRequest(options.portal, c.req.raw);
      if (fault === "slow") await options.sleep(options.runtime.faults.slowMs);
      return fault === "drop" ? dropConnection(env) : response;
    }
    if (path === "/oauth/authorize" || path === "/oauth/authorize/") {
      return handleAuthorizeRequest(options.portal, c.req.raw);
    }
    return new Response("Not Found", { status: 404, headers: { "Content-Type": "text/plain" } });
  });
  return app;
}
