/**
 * Bitrix24 error codes → the project's error kinds, as data (tested as a table).
 *
 * Sources: system errors https://apidocs.bitrix24.com/api-reference/common/system-errors.html
 * (docs:_includes/system-errors.md), limits https://apidocs.bitrix24.com/limits.html,
 * OAuth errors https://apidocs.bitrix24.com/settings/oauth/error-codes.html.
 * Legacy CRM methods answer with an empty code and a text (`"Not found"`), so the
 * text decides there. Messages name the portal host, never a secret.
 */
import { PereezdError, type ErrorKind } from "../../errors.js";
import { redactText } from "../../http/redact.js";

/** Codes whose kind does not depend on the HTTP status. */
export const ERROR_KINDS: Readonly<Record<string, ErrorKind>> = {
  QUERY_LIMIT_EXCEEDED: "rate_limited",
  OPERATION_TIME_LIMIT: "rate_limited",
  OVERLOAD_LIMIT: "rate_limited",
  expired_token: "auth",
  invalid_token: "auth",
  INVALID_CREDENTIALS: "auth",
  NO_AUTH_FOUND: "auth",
  insufficient_scope: "auth",
  ACCESS_DENIED: "auth",
  WRONG_AUTH_TYPE: "auth",
  user_access_error: "auth",
  authorization_error: "auth",
  APPLICATION_NOT_FOUND: "auth",
  METHOD_CONFIRM_WAITING: "auth",
  METHOD_CONFIRM_DENIED: "auth",
  PAYMENT_REQUIRED: "auth",
  invalid_grant: "auth",
  invalid_client: "auth",
  invalid_scope: "auth",
  allowed_only_intranet_user: "auth",
  INTERNAL_SERVER_ERROR: "transient",
  ERROR_UNEXPECTED_ANSWER: "transient",
  PORTAL_DELETED: "config",
  ERROR_METHOD_NOT_FOUND: "config",
  INVALID_REQUEST: "invalid_input",
  NOT_FOUND: "not_found",
  ERROR_NOT_FOUND: "not_found",
  ERROR_ENTITY_NOT_FOUND: "not_found",
  OWNER_NOT_FOUND: "not_found",
  ERROR_BATCH_LENGTH_EXCEEDED: "invalid_input",
  ERROR_BATCH_METHOD_NOT_ALLOWED: "invalid_input",
  ERROR_CORE: "invalid_input",
  ERROR_ARGUMENT: "invalid_input",
  INVALID_ARG_VALUE: "invalid_input",
  WRONG_ENCODING: "invalid_input",
};

/** OAuth token errors after which a refresh is worth one try. */
export const REFRESH_CODES: ReadonlySet<string> = new Set(["expired_token", "invalid_token"]);

/** How long an `OVERLOAD_LIMIT` block (set by Bitrix24 support) is waited out before asking again. */
export const OVERLOAD_WAIT_MS = 15 * 60_000;

/** A Bitrix24 answer's error, as the classifier and the batch reader see it. */
export interface BitrixFailure {
  code: string;
  description: string;
  /** HTTP status; 200 for a command inside a batch (the status is not sent there). */
  status: number;
  /** Portal host, for the message. */
  host: string;
  method?: string;
  /** A command inside a batch (the request itself succeeded). */
  inBatch?: boolean;
  /** For `rate_limited`: the wait, already computed by the caller. */
  retryAfterMs?: number;
}

/** The kind of a failure: the code table, then the legacy texts, then the HTTP status. */
export function kindOf(code: string, description: string, status: number): ErrorKind {
  const known = ERROR_KINDS[code];
  if (known !== undefined) return known;
  const text = description.toLowerCase();
  if (/\bnot found\b/.test(text)) return "not_found";
  if (/access denied/.test(text)) return "auth";
  if (status === 401 || status === 403) return "auth";
  if (status === 404) return "not_found";
  if (status === 429 || status === 503) return "rate_limited";
  if (status >= 500) return "transient";
  return "invalid_input";
}

function messageFor(kind: ErrorKind, failure: BitrixFailure, what: string): string {
  const where = `Bitrix24 portal ${failure.host}`;
  switch (kind) {
    case "auth":
      return `${where} refused the credentials for ${failure.method ?? "the request"}: ${what}. Check the webhook or app and its permissions (scopes), or connect the portal again.`;
    case "rate_limited":
      return `${where} asked to slow down: ${what}`;
    case "transient":
      return `${where} had a temporary failure: ${what}`;
    case "config":
      return `${where} cannot serve ${failure.method ?? "the request"}: ${what}`;
    default:
      return `${where} rejected ${failure.method ?? "the request"}: ${what}`;
  }
}

/** True for an error of one command inside a batch whose request went through. */
export function isCommandError(error: unknown): boolean {
  return error instanceof PereezdError && error.details?.["inBatch"] === true;
}

/** The `PereezdError` a Bitrix24 error answer means. */
export function bitrixError(failure: BitrixFailure): PereezdError {
  const kind = kindOf(failure.code, failure.description, failure.status);
  const text = redactText(failure.description.trim()) || "no description";
  const what = failure.code === "" ? text : `${text} (${failure.code})`;
  const retryAfterMs =
    kind === "rate_limited"
      ? (failure.retryAfterMs ?? (failure.code === "OVERLOAD_LIMIT" ? OVERLOAD_WAIT_MS : 1_000))
      : undefined;
  return new PereezdError(kind, messageFor(kind, failure, what), {
    code: failure.code === "" ? `http_${failure.status}` : failure.code,
    ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
    details: {
      host: failure.host,
      status: failure.status,
      ...(failure.inBatch === true ? { inBatch: true } : {}),
      // `details.method` makes core/http block that method only (operating limit);
      // any other failure names it `apiMethod` so a 503 still slows the whole portal.
      ...(failure.method === undefined
        ? {}
        : failure.code === "OPERATION_TIME_LIMIT"
          ? { method: failure.method }
          : { apiMethod: failure.method }),
    },
  });
}
