import {
  type PereezdError,
  authError,
  conflict,
  invalidInput,
  notFound,
  rateLimited,
  transientError,
} from "../errors.js";
import { redactText } from "./redact.js";

/** What a classifier sees of an HTTP answer; `url` is already redacted. */
export interface ClassifyInput {
  method: string;
  url: string;
  status: number;
  headers: Headers;
  /** Parsed JSON, text (e.g. an HTML error page), or null for an empty body. */
  body: unknown;
  /** Epoch ms when the answer arrived, to turn an HTTP-date `Retry-After` into a wait. */
  receivedAt: number;
}

/**
 * Turns an HTTP answer into the error it means, or null for success. Connector
 * specific: Bitrix24 says "too many requests" with 503 `QUERY_LIMIT_EXCEEDED`,
 * amoCRM with 429 and a body `retry_after`. A classifier returning `rate_limited`
 * with `details.method` blocks that method only (Bitrix24 `OPERATION_TIME_LIMIT`);
 * without it the whole limiter key is penalised.
 */
export type Classify = (response: ClassifyInput) => PereezdError | null;

/** Wait assumed when a 429 carries no `Retry-After`. */
export const DEFAULT_RATE_LIMIT_WAIT_MS = 1_000;
const EXCERPT_CHARS = 300;

/**
 * `Retry-After` as milliseconds: delta-seconds or an HTTP-date (RFC 9110 §10.2.3).
 * Unparsable or absent → undefined.
 */
export function parseRetryAfter(value: string | null, nowMs: number): number | undefined {
  if (value === null || value.trim() === "") return undefined;
  const trimmed = value.trim();
  if (/^\d+(\.\d+)?$/.test(trimmed)) return Math.ceil(Number(trimmed) * 1000);
  const at = Date.parse(trimmed);
  return Number.isNaN(at) ? undefined : Math.max(0, at - nowMs);
}

/** A short, redacted excerpt of a body for error details and logs. */
export function bodyExcerpt(body: unknown): string {
  if (body === null || body === undefined) return "";
  const text = typeof body === "string" ? body : JSON.stringify(body);
  const clipped = text.length > EXCERPT_CHARS ? `${text.slice(0, EXCERPT_CHARS)}…` : text;
  return redactText(clipped.replace(/\s+/g, " "));
}

/**
 * The generic mapping of HTTP statuses to error kinds: 401/403 auth, 404 not_found,
 * 409 conflict, 429 rate_limited (with `Retry-After`), 408 and 5xx transient,
 * 3xx (redirects are not followed) and other 4xx invalid_input. Connectors wrap it
 * and look at their error envelopes first.
 */
export const defaultClassify: Classify = (response) => {
  const { status, method, url } = response;
  if (status >= 200 && status < 300) return null;
  const message = `${method} ${url} answered HTTP ${status}`;
  const options = {
    code: `http_${status}`,
    details: { status, url, body: bodyExcerpt(response.body) },
  };
  if (status === 401 || status === 403) return authError(message, options);
  if (status === 404) return notFound(message, options);
  if (status === 409) return conflict(message, options);
  if (status === 429) {
    const wait = parseRetryAfter(response.headers.get("retry-after"), response.receivedAt);
    return rateLimited(message, wait ?? DEFAULT_RATE_LIMIT_WAIT_MS, options);
  }
  if (status === 408 || status >= 500) return transientError(message, options);
  if (status >= 300 && status < 400) {
    const location = response.headers.get("location");
    return invalidInput(`${message} (redirect, not followed)`, {
      code: "http_redirect",
      details: { ...options.details, location: location === null ? null : redactText(location) },
    });
  }
  return invalidInput(message, options);
};
