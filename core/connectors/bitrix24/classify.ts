/**
 * How core/http reads a Bitrix24 answer: the error envelope first (any status),
 * then the shape of a success, then the generic status mapping.
 *
 * - 503 `QUERY_LIMIT_EXCEEDED` → `rate_limited` for the whole portal (the leaky bucket);
 * - 429 `OPERATION_TIME_LIMIT` → `rate_limited` for that method only, until
 *   `operating_reset_at` (https://apidocs.bitrix24.com/limits.html);
 * - a 2xx body that is not a JSON envelope (an HTML page from a proxy) → `transient`
 *   (reference §11.2 item 6).
 */
import { transientError } from "../../errors.js";
import { bodyExcerpt, defaultClassify, type Classify } from "../../http/classify.js";
import { bitrixError } from "./errors.js";
import { errorBodySchema, errorV3Schema } from "./wire.js";

export interface ClassifyOptions {
  /** Wait after a 503 from the leaky bucket: one drain interval of the portal's policy. */
  queryLimitWaitMs: () => number;
  /** Wait after a 429 for `method`: until its last known `operating_reset_at`. */
  operatingWaitMs: (method: string) => number;
}

/** The REST method a (redacted) request URL called: its last path segment without `.json`. */
export function methodOfUrl(url: string): string | undefined {
  try {
    const segment = new URL(url).pathname.split("/").filter(Boolean).pop();
    return segment?.replace(/\.(json|xml)$/i, "").toLowerCase();
  } catch {
    return undefined;
  }
}

function hostOf(url: string): string {
  try {
    return new URL(url).host;
  } catch {
    return "unknown host";
  }
}

function readError(body: unknown): { code: string; description: string } | null {
  if (body === null || typeof body !== "object") return null;
  const v3 = errorV3Schema.safeParse(body);
  if (v3.success) return { code: v3.data.error.code, description: v3.data.error.message };
  if (!("error" in body)) return null;
  const parsed = errorBodySchema.safeParse(body);
  if (!parsed.success) return null;
  return { code: parsed.data.error, description: parsed.data.error_description };
}

/** The classifier for one portal's HTTP client. */
export function createBitrixClassify(options: ClassifyOptions): Classify {
  return (response) => {
    const host = hostOf(response.url);
    const method = methodOfUrl(response.url);
    const error = readError(response.body);
    if (error !== null) {
      const retryAfterMs =
        error.code === "QUERY_LIMIT_EXCEEDED"
          ? options.queryLimitWaitMs()
          : error.code === "OPERATION_TIME_LIMIT" && method !== undefined
            ? options.operatingWaitMs(method)
            : undefined;
      return bitrixError({
        code: error.code,
        description: error.description,
        status: response.status,
        host,
        ...(method === undefined ? {} : { method }),
        ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
      });
    }
    if (response.status >= 200 && response.status < 300) {
      if (response.body !== null && typeof response.body === "object") return null;
      return transientError(`Bitrix24 portal ${host} answered with something other than JSON`, {
        code: "non_json",
        details: { host, status: response.status, body: bodyExcerpt(response.body) },
      });
    }
    return defaultClassify(response);
  };
}
