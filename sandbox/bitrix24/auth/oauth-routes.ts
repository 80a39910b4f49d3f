/**
 * `/oauth/token/` and `/oauth/authorize/` of the emulated portal. In the cloud these
 * live on `oauth.bitrix.info` (the portal proxies `/oauth/token/`); the sandbox serves
 * them on each portal's own origin, so `server_endpoint` points back at the portal.
 *
 * Docs: docs:settings/oauth/index.md (flow, token answer, code lives 30 s),
 * docs:settings/oauth/auto-renewal.md (refresh; GET with query parameters; the JS SDK
 * POSTs a form body, accepted too), docs:settings/oauth/error-codes.md. Error statuses
 * are not documented; the sandbox uses OAuth 2.0's (RFC 6749 §5.2): 401 for
 * `invalid_client`, 400 otherwise.
 */
import type { Portal } from "../portal.js";
import { parseRestRequest } from "../request/parse-request.js";
import type { TokenFailure, TokenGrant } from "./portal-access.js";

function json(body: Record<string, unknown>, status: number): Response {
  return new Response(JSON.stringify(body), {
    status,
    headers: { "Content-Type": "application/json; charset=utf-8", "Cache-Control": "no-store" },
  });
}

function failure(error: TokenFailure): Response {
  const status = error.error === "invalid_client" ? 401 : 400;
  return json({ error: error.error, error_description: error.description }, status);
}

/** The documented token answer. `origin` is the portal's base, e.g. `http://127.0.0.1:8101`. */
export function tokenBody(
  portal: Portal,
  grant: TokenGrant,
  origin: string,
): Record<string, unknown> {
  return {
    access_token: grant.accessToken,
    expires: Math.floor(grant.accessExpiresAt / 1000),
    expires_in: grant.expiresIn,
    scope: [...grant.scopes].join(","),
    domain: new URL(origin).host,
    server_endpoint: `${origin}/rest/`,
    status: "L",
    client_endpoint: `${origin}/rest/`,
    member_id: portal.memberId,
    user_id: grant.userId,
    refresh_token: grant.refreshToken,
  };
}

const str = (value: unknown): string => (typeof value === "string" ? value : "");

/** `GET|POST /oauth/token/` with `grant_type=refresh_token` or `authorization_code`. */
export async function handleTokenRequest(portal: Portal, request: Request): Promise<Response> {
  const { params } = await parseRestRequest(request);
  const clientId = str(params.client_id);
  const clientSecret = str(params.client_secret);
  const grantType = str(params.grant_type);
  if (clientId === "" || clientSecret === "") {
    return failure({
      error: "invalid_request",
      description: "client_id and client_secret are required",
    });
  }
  let result: TokenGrant | TokenFailure;
  if (grantType === "refresh_token") {
    result = portal.access.refreshTokens(clientId, clientSecret, str(params.refresh_token));
  } else if (grantType === "authorization_code") {
    result = portal.access.exchangeAuthCode(clientId, clientSecret, str(params.code));
  } else {
    return failure({
      error: "invalid_request",
      description: `Unsupported grant_type '${grantType}'`,
    });
  }
  if ("error" in result) return failure(result);
  return json(tokenBody(portal, result, new URL(request.url).origin), 200);
}

/**
 * `GET /oauth/authorize/?client_id=…&state=…`: the user (sandbox extension: `user_id`,
 * default 1) "approves" at once; the browser goes to the app's redirect URI with
 * `code`, `state`, `domain`, `member_id`, `scope`, `server_domain`. Without a redirect
 * URI the same fields come back as JSON.
 */
export async function handleAuthorizeRequest(portal: Portal, request: Request): Promise<Response> {
  const { params } = await parseRestRequest(request);
  const clientId = str(params.client_id);
  const app = portal.access.findApp(clientId);
  if (!app) return failure({ error: "invalid_client", description: "Unknown client_id" });
  const userId = Number(str(params.user_id) || "1");
  const origin = new URL(request.url);
  const fields = {
    code: portal.access.createAuthCode(clientId, Number.isInteger(userId) ? userId : 1),
    state: origin.searchParams.get("state") ?? "",
    domain: origin.host,
    member_id: portal.memberId,
    scope: [...app.scopes].join(","),
    server_domain: origin.host,
  };
  const redirect = str(params.redirect_uri) || app.redirectUri;
  if (!redirect) return json(fields, 200);
  const target = new URL(redirect);
  for (const [key, value] of Object.entries(fields)) target.searchParams.set(key, value);
  return new Response(null, { status: 302, headers: { Location: target.toString() } });
}
