/**
 * Turn the credentials of a REST request into a `Caller`, or the error the real
 * server gives.
 *
 * Codes and texts: srv:modules/rest/lib/apauth/auth.php (webhooks),
 * srv:modules/rest/lib/oauth/auth.php (tokens), srv:.../rest_util.php (`checkAuth`:
 * `NO_AUTH_FOUND`). Statuses: docs:_includes/system-errors.md. The docs used to list
 * 403 for `INVALID_CREDENTIALS` and `insufficient_scope`; the current table says 401,
 * which is also what the server code does (`OAuthException` defaults to 401), so 401.
 * `invalid_token` (unknown token) is the answer the SDKs expect besides `expired_token`
 * (jssdk `_isAuthError`; docs:settings/cloud-and-on-premise/on-premise/custom-auth-provider.md).
 *
 * Webhooks over plain http: a cloud portal answers `INVALID_REQUEST` "Https required."
 * The sandbox serves plain http on 127.0.0.1 and does not enforce this.
 */
import type { Caller } from "../method-types.js";
import { RestError } from "../method-types.js";
import type { PortalAccess } from "./portal-access.js";

export type Credentials =
  { kind: "webhook"; userId: string; code: string } | { kind: "oauth"; token: string | undefined };

/** Scopes that also satisfy a narrower one (`RestManager::fillAlternativeScope`). */
const ALTERNATIVES: Record<string, readonly string[]> = {
  user_basic: ["user"],
  user_brief: ["user", "user_basic"],
};

const unauthorized = (code: string, description: string) => new RestError(code, description, 401);

/**
 * Resolve credentials to a caller; throws `RestError` with the real code and status.
 * `userActive` says whether the webhook's or token's user may still log in: a
 * deactivated user's webhook answers 401 `authorization_error` (`CRestUtil::makeAuth`).
 */
export function authenticate(
  access: PortalAccess,
  credentials: Credentials,
  userActive: (userId: number) => boolean = () => true,
): Caller {
  const caller = resolveCaller(access, credentials);
  if (caller.userId > 0 && !userActive(caller.userId)) {
    throw unauthorized("authorization_error", "Unable to authorize user");
  }
  return caller;
}

function resolveCaller(access: PortalAccess, credentials: Credentials): Caller {
  if (credentials.kind === "webhook") {
    const webhook = access.findWebhook(credentials.userId, credentials.code);
    if (!webhook) throw unauthorized("INVALID_CREDENTIALS", "Invalid request credentials");
    return {
      kind: "webhook",
      userId: webhook.userId,
      scopes: webhook.scopes,
      callerKey: `webhook#${webhook.id}`,
    };
  }
  if (credentials.token === undefined || credentials.token === "") {
    throw unauthorized("NO_AUTH_FOUND", "Wrong authorization data");
  }
  const check = access.checkAccessToken(credentials.token);
  if (!check.ok) {
    throw check.error === "expired_token"
      ? unauthorized("expired_token", "The access token provided has expired")
      : unauthorized("invalid_token", "The access token provided is invalid");
  }
  return {
    kind: "oauth",
    userId: check.grant.userId,
    scopes: check.grant.scopes,
    callerKey: `app:${check.grant.clientId}`,
  };
}

/** Whether the caller may use a method of `scope` (null = basic methods, always allowed). */
export function scopeGranted(caller: Caller, scope: string | null): boolean {
  if (scope === null) return true;
  if (caller.scopes.has(scope)) return true;
  return (ALTERNATIVES[scope] ?? []).some((alt) => caller.scopes.has(alt));
}

/**
 * 401 `insufficient_scope`. Inside `batch` the sub-call raises it without a text
 * (`CRestServerBatchItem::checkAuth`; docs:settings/how-to-call-rest-api/batch.md example).
 */
export function insufficientScope(caller: Caller, inBatch: boolean): RestError {
  if (inBatch) return unauthorized("insufficient_scope", "");
  const holder = caller.kind === "webhook" ? "webhook token" : "access token";
  return unauthorized(
    "insufficient_scope",
    `The request requires higher privileges than provided by the ${holder}`,
  );
}
