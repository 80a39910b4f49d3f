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
  | "same_account";

/** JSON-safe: the conversation stores it. */
export interface ConnectError {
  code: ConnectErrorCode;
  scopes?: string[];
  label?: string;
}

const DIRECT = new Set<string>([
  "url_malformed",
  "url_not_https",
  "url_private_address",
  "url_unresolvable",
  "not_a_webhook_url",
]);

/** The chat's explanation of a failed check. */
export function connectErrorOf(error: unknown): ConnectError {
  if (!isPereezdError(error)) return { code: "portal_error" };
  if (error.code !== undefined && DIRECT.has(error.code))
    return { code: error.code as ConnectErrorCode };
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
