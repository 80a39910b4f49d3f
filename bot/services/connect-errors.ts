/**
 * Why credentials were refused, as a code the chat explains in the user's
 * language (`connect.error.<code>`). The URL guard's codes (core/http/url-guard.ts)
 * and the connector's codes (`not_a_webhook_url`, auth refusals) each get their
 * own text that says what is wrong and what to do; anything else falls back by
 * error kind, so a new code never shows a raw message.
 */
import { isPereezdError } from "../../core/errors.js";

export type ConnectErrorCode =
  | "url_malformed"
  | "url_not_https"
  | "url_private_address"
  | "url_unresolvable"
  | "not_a_webhook_url"
  | "auth"
  | "unreachable"
  | "rate_limited"
  | "portal_error"
  | "missing_scopes"
  | "system_unavailable"
  | "same_account"
  | "different_account";

/** JSON-safe: the conversation stores it. */
export interface ConnectError {
  code: ConnectErrorCode;
  scopes?: string[];
  /** The portal the credentials reach. */
  label?: string;
  /** For `different_account`: the portal the connection is to. */
  expected?: string;
}

const DIRECT = new Set<string>([
  "url_malformed",
  "url_not_https",
  "url_private_address",
  "url_unresolvable",
  "not_a_webhook_url",
]);

const text = (value: unknown): string | undefined =>
  typeof value === "string" ? value : undefined;

/** The chat's explanation of a failed check. */
export function connectErrorOf(error: unknown): ConnectError {
  if (!isPereezdError(error)) return { code: "portal_error" };
  if (error.code !== undefined && DIRECT.has(error.code))
    return { code: error.code as ConnectErrorCode };
  // New credentials for a stored connection (core/service/replace-credentials.ts).
  const details = error.details ?? {};
  if (error.code === "different_account") {
    const [label, expected] = [text(details.got), text(details.expected)];
    return {
      code: "different_account",
      ...(label === undefined ? {} : { label }),
      ...(expected === undefined ? {} : { expected }),
    };
  }
  if (error.code === "missing_scopes") {
    const scopes = Array.isArray(details.missingScopes)
      ? details.missingScopes.filter((s): s is string => typeof s === "string")
      : [];
    const label = text(details.account);
    return { code: "missing_scopes", scopes, ...(label === undefined ? {} : { label }) };
  }
  if (error.code === "bad_config" || error.code === "not_a_portal_url")
    return { code: "not_a_webhook_url" };
  switch (error.kind) {
    case "auth":
      return { code: "auth" };
    case "transient":
      return { code: "unreachable" };
    case "rate_limited":
      return { code: "rate_limited" };
    case "not_found":
      // A wrong path on a real portal answers 404: the link is not a webhook.
      return { code: "not_a_webhook_url" };
    default:
      return { code: "portal_error" };
  }
}
