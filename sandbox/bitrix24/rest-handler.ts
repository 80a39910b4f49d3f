/**
 * One REST request, start to finish, in the order the real service applies its
 * checks: injected fault → rate limit (503) → method lookup (404, before auth as in
 * `CRestServer::process`) → authentication (401) → scope, operating limit, auth type
 * → handler → envelope. srv:modules/rest/classes/general/rest.php; statuses from
 * docs:_includes/system-errors.md.
 */
import type { HttpBindings } from "@hono/node-server";
import { authenticate, type Credentials } from "./auth/authenticate.js";
import type { Clock, Sleep } from "./clock.js";
import { executeMethod, type ExecutionContext } from "./dispatch.js";
import { handleDownload, handleUpload } from "./download.js";
import { dropConnection, faultResponse } from "./faults.js";
import type { MethodRegistry } from "./method-registry.js";
import { RestError, type MethodDefinition } from "./method-types.js";
import type { Portal } from "./portal.js";
import type { PortalRuntime } from "./portal-runtime.js";
import { parseRestRequest, type ParsedRequest } from "./request/parse-request.js";
import type { RestRoute } from "./request/route.js";
import { renderBody, renderError, successBody, timeBlock } from "./response/envelope.js";

/** What `handleRest` needs: the portal, its runtime and methods, time. */
export interface RestHandlerDeps {
  portal: Portal;
  runtime: PortalRuntime;
  registry: MethodRegistry;
  clock: Clock;
  sleep: Sleep;
  onHandlerError: (error: unknown, method: string) => void;
}

const QUERY_LIMIT = () => new RestError("QUERY_LIMIT_EXCEEDED", "Too many requests", 503);
const NOT_FOUND = () => new RestError("ERROR_METHOD_NOT_FOUND", "Method not found!", 404);

/** Answer a request under `/rest/`. `env` carries the socket under @hono/node-server. */
export async function handleRest(
  deps: RestHandlerDeps,
  request: Request,
  route: RestRoute,
  env: Partial<HttpBindings> | undefined,
): Promise<Response> {
  const { runtime, clock } = deps;
  const startMs = clock.now();
  const counters = runtime.stats.counters;
  counters.httpRequests++;
  // Signed file links carry their own authorization (a token), webhook path or not.
  if (route.kind !== "unsupported" && route.method === "download") {
    return handleDownload(deps.portal, request);
  }
  if (route.kind !== "unsupported" && route.method === "upload") {
    return handleUpload(deps.portal, request);
  }
  const fault = runtime.faults.pick();
  if (fault) counters.faults[fault]++;
  if (fault === "500" || fault === "503") return faultResponse(fault, route.transport);
  if (!runtime.limits.admitRequest()) {
    counters.queryLimitRejections++;
    return renderError(QUERY_LIMIT(), route.transport);
  }
  runtime.stats.admitted(clock.now());
  const parsed = await parseRestRequest(request);
  const definition = route.kind === "unsupported" ? undefined : deps.registry.get(route.method);
  if (!definition) return renderError(NOT_FOUND(), route.transport);
  if (definition.name.toLowerCase() === "batch") counters.batchRequests++;

  const credentials: Credentials =
    route.kind === "webhook"
      ? { kind: "webhook", userId: route.userId, code: route.code }
      : { kind: "oauth", token: parsed.accessToken };
  let response: Response;
  try {
    response = await callMethod(deps, request, route, definition, credentials, parsed, startMs);
  } catch (error) {
    if (!(error instanceof RestError)) throw error;
    if (error.status === 401 || error.status === 403) counters.authRejections++;
    response = renderError(error, route.transport);
  }
  if (fault === "slow") await deps.sleep(runtime.faults.slowMs);
  if (fault === "drop") return dropConnection(env);
  return response;
}

/** Authenticate and run the method; a refusal is thrown as `RestError`. */
async function callMethod(
  deps: RestHandlerDeps,
  request: Request,
  route: RestRoute,
  definition: MethodDefinition,
  credentials: Credentials,
  parsed: ParsedRequest,
  startMs: number,
): Promise<Response> {
  const { portal, runtime, clock } = deps;
  const caller = authenticate(
    portal.access,
    credentials,
    (id) => portal.data.activeUser(id) !== undefined,
  );
  const context: ExecutionContext = {
    portal,
    runtime,
    clock,
    baseUrl: new URL(request.url).origin,
    onHandlerError: deps.onHandlerError,
  };
  const outcome = await executeMethod(context, definition, {
    caller,
    params: parsed.params,
    start: parsed.start,
    inBatch: false,
    startMs,
  });
  if (!outcome.ok) throw outcome.error;
  const { timing } = outcome;
  const headers: Record<string, string> = {
    "X-Bitrix-Rest-Time": ((timing.processFinishMs - timing.processStartMs) / 1000).toFixed(10),
  };
  if (caller.kind === "oauth") headers["X-Bitrix-Rest-Application"] = caller.callerKey.slice(4);
  const time = timeBlock(timing, portal.timeZone, outcome.operating);
  return renderBody(successBody(outcome.value, time), 200, route.transport, headers);
}
