/**
 * The answer envelope: `{result, next?, total?, time}` on success, `{error,
 * error_description, ...extra}` with an HTTP status on failure.
 *
 * Shapes: docs:api-reference/data-types.md (`time`), docs:limits.md (`operating`,
 * `operating_reset_at`), srv:modules/rest/classes/general/rest.php (`processCall` lifts
 * `next`/`total`; `appendDebugInfo` builds `time`; `outputError`; a body that cannot be
 * encoded becomes `WRONG_ENCODING`), srv:.../rest_util.php (`sendHeaders`: CORS).
 */
import { formatDateC } from "../clock.js";
import type { MethodResult, RestError } from "../method-types.js";
import type { OperatingStatus } from "../limits/operating-budget.js";
import type { Transport } from "../request/route.js";
import { toXml } from "./xml.js";

/** Moments of one call, epoch ms. */
export interface CallTiming {
  startMs: number;
  processStartMs: number;
  processFinishMs: number;
  finishMs: number;
}

/**
 * The `time` block. `operating` is present when the portal enforces the operating
 * limit (cloud); `operating_reset_at` only once the method has used some of it.
 */
export function timeBlock(
  timing: CallTiming,
  timeZone: string,
  operating: OperatingStatus | undefined,
): Record<string, unknown> {
  const time: Record<string, unknown> = {
    start: timing.startMs / 1000,
    finish: timing.finishMs / 1000,
    duration: (timing.finishMs - timing.startMs) / 1000,
    processing: (timing.processFinishMs - timing.processStartMs) / 1000,
    date_start: formatDateC(timing.startMs, timeZone),
    date_finish: formatDateC(timing.finishMs, timeZone),
  };
  if (operating) {
    if (operating.resetAt !== undefined) time.operating_reset_at = operating.resetAt;
    time.operating = operating.used;
  }
  return time;
}

/** Success body with `next`/`total` lifted next to `result`. */
export function successBody(
  value: MethodResult,
  time: Record<string, unknown>,
): Record<string, unknown> {
  const body: Record<string, unknown> = { result: value.result };
  if (value.next !== undefined) body.next = value.next;
  if (value.total !== undefined) body.total = value.total;
  body.time = time;
  return body;
}

/** `{error, error_description}` plus the error's extra keys. */
export function errorBody(error: RestError): Record<string, unknown> {
  return { error: error.code, error_description: error.description, ...error.extra };
}

const CONTENT_TYPES: Record<Transport, string> = {
  json: "application/json; charset=utf-8",
  xml: "text/xml; charset=utf-8",
};

/** Serialise a body in the requested transport with the server's headers. */
export function renderBody(
  body: Record<string, unknown>,
  status: number,
  transport: Transport,
  extraHeaders: Record<string, string> = {},
): Response {
  let text: string;
  try {
    text = transport === "xml" ? toXml(body) : JSON.stringify(body);
  } catch {
    text = '{"error":"WRONG_ENCODING","error_description":"Wrong request encoding"}';
  }
  return new Response(text, {
    status,
    headers: {
      "Content-Type": CONTENT_TYPES[transport],
      "Access-Control-Allow-Origin": "*",
      "X-Content-Type-Options": "nosniff",
      ...extraHeaders,
    },
  });
}

/** An error answer with its status. */
export function renderError(error: RestError, transport: Transport = "json"): Response {
  return renderBody(errorBody(error), error.status, transport);
}
