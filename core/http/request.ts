import { invalidInput, transientError, type PereezdError } from "../errors.js";
import type { CallUsage, RequestMeter } from "../metering/call-usage.js";
import type { PortalLimiter } from "../ratelimit/portal-limiter.js";
import { defaultClassify, type Classify } from "./classify.js";
import { buildBody, buildUrl, parseBody, type FormBody, type QueryParams } from "./encode.js";
import { redactText, redactUrl } from "./redact.js";
import { CONNECT_FAILED, retryPolicy, withRetry, type RetryPolicyOptions } from "./retry-policy.js";
import { Secret } from "./secret.js";
import { sleep as realSleep, type Sleep } from "./sleep.js";

/** The part of a pino logger the client uses; pino's `Logger` satisfies it. */
export interface HttpLogger {
  debug(obj: object, msg: string): void;
  warn(obj: object, msg: string): void;
}

export type HttpMethod = "GET" | "HEAD" | "POST" | "PUT" | "PATCH" | "DELETE";

export interface HttpRequest {
  method: HttpMethod;
  /** A `Secret` for URLs that carry credentials (Bitrix24 webhooks). */
  url: string | URL | Secret;
  query?: QueryParams;
  json?: unknown;
  form?: FormBody;
  headers?: Record<string, string | Secret>;
  timeoutMs: number;
  /** The caller's cancel/pause signal; its abort is rethrown as is, never retried. */
  signal: AbortSignal;
  /** Rate-limit budget to draw from, e.g. the portal host. */
  limiterKey?: string;
  /** Tokens this request takes; 1 unless the service counts otherwise. */
  cost?: number;
  /** Methods this request calls (Bitrix24 operating limit); each must be unblocked first. */
  methods?: readonly string[];
  /** Metering; default `{ kind: GET/HEAD ? "read" : "write", commands: 1 }`; false = not metered. */
  usage?: CallUsage | false;
  /** Whether repeating it is harmless; default true for GET/HEAD/PUT/DELETE. */
  idempotent?: boolean;
  /** Retry options, or false for a single attempt. */
  retry?: RetryPolicyOptions | false;
  /** Overrides the client's classifier for this request. */
  classify?: Classify;
}

export interface HttpResponse {
  status: number;
  headers: Headers;
  /** Parsed JSON when the body is JSON, else its text; null when empty. */
  body: unknown;
}

export interface HttpClientDeps {
  fetch?: typeof fetch;
  now?: () => number;
  sleep?: Sleep;
  logger?: HttpLogger;
  limiter?: PortalLimiter;
  meter?: RequestMeter;
  /** The connector's reading of answers; {@link defaultClassify} when absent. */
  classify?: Classify;
  /** Retry defaults for every request of this client (e.g. an injected `random`). */
  retry?: RetryPolicyOptions;
  /** Makes the per-request timeout signal; injected so tests can fire it. */
  timeoutSignal?: (ms: number) => AbortSignal;
}

export interface HttpClient {
  request(request: HttpRequest): Promise<HttpResponse>;
}

const CONNECT_ERRORS = new Set([
  "ECONNREFUSED",
  "ENOTFOUND",
  "EAI_AGAIN",
  "ENETUNREACH",
  "EHOSTUNREACH",
  "UND_ERR_CONNECT_TIMEOUT",
]);

function causeCode(error: unknown): string | undefined {
  for (let e: unknown = error, depth = 0; e instanceof Error && depth < 5; depth++) {
    const code = (e as { code?: unknown }).code;
    if (typeof code === "string") return code;
    e = e.cause;
  }
  return undefined;
}

/**
 * The one HTTP function of every connector: limiter, timeout combined with the
 * caller's signal, metering, classification and the short-wait retry loop, with
 * every URL, message and log line redacted. Redirects are not followed (a user URL
 * must not bounce us to a private address); they surface as `http_redirect`.
 */
export function createHttpClient(deps: HttpClientDeps = {}): HttpClient {
  const doFetch = deps.fetch ?? globalThis.fetch;
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const timeoutSignal = deps.timeoutSignal ?? ((ms: number) => AbortSignal.timeout(ms));

  async function once(req: HttpRequest): Promise<HttpResponse> {
    const raw = req.url instanceof Secret ? req.url.reveal() : req.url.toString();
    let url: URL;
    try {
      url = buildUrl(raw, req.query);
    } catch {
      throw invalidInput("The request URL is malformed", { code: "url_malformed" });
    }
    const shown = redactUrl(url);
    const key = req.limiterKey;
    if (deps.limiter !== undefined && key !== undefined) {
      for (const method of req.methods ?? []) {
        await deps.limiter.acquireMethod(key, method, req.signal);
      }
      await deps.limiter.acquire(key, req.cost ?? 1, req.signal);
    }

    const { body, contentType } = buildBody(req.json, req.form);
    const headers = new Headers();
    if (contentType !== undefined) headers.set("content-type", contentType);
    for (const [name, value] of Object.entries(req.headers ?? {})) {
      headers.set(name, value instanceof Secret ? value.reveal() : value);
    }
    const timeout = timeoutSignal(req.timeoutMs);
    const started = now();
    let status: number;
    let responseHeaders: Headers;
    let text: string;
    try {
      const init: RequestInit = { method: req.method, headers, redirect: "manual" };
      init.signal = AbortSignal.any([req.signal, timeout]);
      if (body !== undefined) init.body = body;
      const response = await doFetch(url, init);
      // Counted once the CRM answered, even if reading the body fails afterwards.
      meter(req);
      status = response.status;
      responseHeaders = response.headers;
      text = req.method === "HEAD" ? "" : await response.text();
    } catch (error) {
      if (req.signal.aborted) throw req.signal.reason;
      const elapsedMs = now() - started;
      if (timeout.aborted) {
        throw transientError(`${req.method} ${shown} timed out after ${req.timeoutMs} ms`, {
          code: "timeout",
          details: { url: shown, elapsedMs },
        });
      }
      const code = causeCode(error);
      const reason = error instanceof Error ? redactText(error.message) : "unknown";
      deps.logger?.debug(
        { method: req.method, url: shown, code, elapsedMs },
        "HTTP request failed",
      );
      throw transientError(`${req.method} ${shown} failed: ${reason}${code ? ` (${code})` : ""}`, {
        code: code !== undefined && CONNECT_ERRORS.has(code) ? CONNECT_FAILED : "network",
        details: { url: shown, cause: code ?? reason },
      });
    }

    const parsed = parseBody(text, responseHeaders.get("content-type"));
    const receivedAt = now();
    deps.logger?.debug(
      { method: req.method, url: shown, status, ms: receivedAt - started },
      "HTTP request",
    );
    const classify = req.classify ?? deps.classify ?? defaultClassify;
    const error = classify({
      method: req.method,
      url: shown,
      status,
      headers: responseHeaders,
      body: parsed,
      receivedAt,
    });
    if (error !== null) {
      await penalize(key, error);
      throw error;
    }
    return { status, headers: responseHeaders, body: parsed };
  }

  function meter(req: HttpRequest): void {
    if (req.usage === false || deps.meter === undefined) return;
    const readOnly = req.method === "GET" || req.method === "HEAD";
    deps.meter.record(req.usage ?? { kind: readOnly ? "read" : "write", commands: 1 });
  }

  async function penalize(key: string | undefined, error: PereezdError): Promise<void> {
    if (deps.limiter === undefined || key === undefined || error.kind !== "rate_limited") return;
    const retryAfterMs = error.retryAfterMs ?? 0;
    const method = error.details?.["method"];
    if (typeof method === "string")
      await deps.limiter.penalizeMethod(key, method, { retryAfterMs });
    else await deps.limiter.penalize(key, { retryAfterMs });
  }

  return {
    async request(req) {
      if (req.retry === false) return once(req);
      const options: RetryPolicyOptions = {
        ...deps.retry,
        ...req.retry,
        idempotent: req.idempotent ?? ["GET", "HEAD", "PUT", "DELETE"].includes(req.method),
      };
      return withRetry(() => once(req), {
        policy: (error, attempt) => retryPolicy(error, attempt, options),
        sleep,
        signal: req.signal,
        onRetry: ({ error, attempt, afterMs }) => {
          const e = error as Partial<PereezdError>;
          deps.logger?.warn(
            { kind: e.kind, code: e.code, attempt, afterMs, message: e.message },
            "HTTP request will be retried",
          );
        },
      });
    },
  };
}
