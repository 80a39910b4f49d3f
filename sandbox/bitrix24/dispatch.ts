/**
 * Run one method for an authenticated caller: scope, auth type, operating budget,
 * then the handler. Shared by plain calls and `batch` commands.
 *
 * Order follows the server: scope is part of authentication
 * (srv:modules/rest/lib/apauth/auth.php, oauth/auth.php); the operating budget is
 * checked before execution and charged after it, so the call that crosses the limit
 * completes (docs:limits.md); methods that need an application context refuse
 * webhooks with 403 `WRONG_AUTH_TYPE` from inside the handler
 * (docs:api-reference/telephony/telephony-external-call-register.md).
 */
import type { Clock } from "./clock.js";
import { insufficientScope, scopeGranted } from "./auth/authenticate.js";
import type { OperatingStatus } from "./limits/operating-budget.js";
import type { Caller, MethodCall, MethodDefinition, MethodResult, Params } from "./method-types.js";
import { RestError } from "./method-types.js";
import type { Portal } from "./portal.js";
import type { PortalRuntime } from "./portal-runtime.js";
import { param, positiveIntOf } from "./methods/params.js";
import type { CallTiming } from "./response/envelope.js";

/** What a call needs from its surroundings. */
export interface ExecutionContext {
  portal: Portal;
  runtime: PortalRuntime;
  clock: Clock;
  /** Origin the client used, e.g. `http://127.0.0.1:8101`. */
  baseUrl: string;
  /** Told about handler bugs (anything thrown that is not a `RestError`). */
  onHandlerError: (error: unknown, method: string) => void;
}

export type Outcome =
  | { ok: true; value: MethodResult; timing: CallTiming; operating: OperatingStatus | undefined }
  | { ok: false; error: RestError };

/** One call of a method: who, with what, and since when. */
export interface Invocation {
  caller: Caller;
  params: Params;
  start: number | undefined;
  inBatch: boolean;
  /** When the request (or the batch command) began, epoch ms. */
  startMs: number;
}

const WRONG_AUTH_TYPE = () =>
  new RestError("WRONG_AUTH_TYPE", "Current authorization type is denied for this method", 403);

const OPERATION_TIME_LIMIT = () =>
  new RestError("OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit", 429);

function isMethodResult(value: unknown): value is MethodResult {
  return value !== null && typeof value === "object" && "result" in value;
}

/** Execute `definition` for `invocation`; never throws. */
export async function executeMethod(
  context: ExecutionContext,
  definition: MethodDefinition,
  invocation: Invocation,
): Promise<Outcome> {
  const { caller } = invocation;
  const method = definition.name.toLowerCase();
  const { runtime, clock } = context;
  if (!scopeGranted(caller, definition.scope)) {
    return { ok: false, error: insufficientScope(caller, invocation.inBatch) };
  }
  if (runtime.limits.operatingBefore(caller, method)?.blocked) {
    runtime.stats.counters.operatingRejections++;
    return { ok: false, error: OPERATION_TIME_LIMIT() };
  }
  if (caller.kind === "webhook" && definition.webhookAllowed === false) {
    return { ok: false, error: WRONG_AUTH_TYPE() };
  }
  const call: MethodCall = {
    portal: context.portal,
    caller,
    method,
    params: invocation.params,
    start: invocation.start,
    baseUrl: context.baseUrl,
    inBatch: invocation.inBatch,
  };
  const processStartMs = clock.now();
  // The batch wrapper is not a command; the commands inside it are counted one by one.
  if (method !== "batch") runtime.stats.command(method);
  let outcome: { value: MethodResult } | { error: RestError };
  try {
    const value: unknown = await definition.handler(call);
    if (!isMethodResult(value)) throw new Error(`${method} returned no {result}`);
    outcome = { value };
  } catch (error) {
    if (error instanceof RestError) outcome = { error };
    else {
      context.onHandlerError(error, method);
      outcome = { error: new RestError("INTERNAL_SERVER_ERROR", "Internal server error", 500) };
    }
  }
  const processFinishMs = clock.now();
  const charged = runtime.limits.charge(definition, call);
  if (method !== "batch") {
    runtime.stats.executed({
      method,
      entityTypeId: positiveIntOf(param(call.params, "entityTypeId")),
      startMs: processStartMs,
      finishMs: processFinishMs,
      operatingSeconds: charged?.seconds ?? 0,
    });
  }
  const operating = charged?.status;
  if ("error" in outcome) return { ok: false, error: outcome.error };
  const timing = {
    startMs: invocation.startMs,
    processStartMs,
    processFinishMs,
    finishMs: clock.now(),
  };
  return { ok: true, value: outcome.value, timing, operating };
}
