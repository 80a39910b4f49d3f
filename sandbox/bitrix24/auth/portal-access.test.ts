import { describe, expect, it } from "vitest";
import { createFakeClock } from "../clock.js";
import { RestError } from "../method-types.js";
import { authenticate, scopeGranted } from "./authenticate.js";
import { PortalAccess, type TokenGrant } from "./portal-access.js";

function setup() {
  const clock = createFakeClock();
  const access = new PortalAccess({ clock });
  const app = access.addApp({ scopes: ["crm", "user"] });
  return { clock, access, app };
}

function authError(run: () => unknown): { code: string; status: number } {
  try {
    run();
  } catch (error) {
    if (error instanceof RestError) return { code: error.code, status: error.status };
    throw error;
  }
  throw new Error("expected a RestError");
}

describe("webhooks", () => {
  it("finds an active webhook by user id and code only", () => {
    const { access } = setup();
    const hook = access.addWebhook({ scopes: ["crm"], code: "abcdefgh12345678" });
    expect(access.findWebhook("1", "abcdefgh12345678")).toBe(hook);
    expect(access.findWebhook("2", "abcdefgh12345678")).toBeUndefined();
    expect(access.findWebhook("01", "abcdefgh12345678")).toBeUndefined();
    expect(access.findWebhook("1", "abcdefgh1234567")).toBeUndefined();
    expect(hook.code).toMatch(/^[a-z0-9]{16}$/);
  });

  it("refuses revoked and expired webhooks with 401 INVALID_CREDENTIALS", () => {
    const { access, clock } = setup();
    const revoked = access.addWebhook({ scopes: ["crm"] });
    const expiring = access.addWebhook({ scopes: ["crm"], expiresAt: clock.now() + 1000 });
    access.revokeWebhook(revoked.code);
    const creds = (code: string) => ({ kind: "webhook" as const, userId: "1", code });
    expect(authError(() => authenticate(access, creds(revoked.code)))).toEqual({
      code: "INVALID_CREDENTIALS",
      status: 401,
    });
    expect(authenticate(access, creds(expiring.code)).kind).toBe("webhook");
    clock.advance(1000);
    expect(authError(() => authenticate(access, creds(expiring.code))).code).toBe(
      "INVALID_CREDENTIALS",
    );
  });

  it("grants narrower user scopes through the wider one", () => {
    const caller = {
      kind: "webhook" as const,
      userId: 1,
      scopes: new Set(["user"]),
      callerKey: "x",
    };
    expect(scopeGranted(caller, "user_basic")).toBe(true);
    expect(scopeGranted(caller, "crm")).toBe(false);
    expect(scopeGranted(caller, null)).toBe(true);
  });
});

describe("OAuth tokens", () => {
  it("issues 1-hour tokens and answers expired_token after that", () => {
    const { access, app, clock } = setup();
    const grant = access.issueTokens(app.clientId, 1);
    const creds = { kind: "oauth" as const, token: grant.accessToken };
    expect(authenticate(access, creds)).toMatchObject({
      kind: "oauth",
      userId: 1,
      callerKey: `app:${app.clientId}`,
    });
    clock.advance(3600_000);
    expect(authError(() => authenticate(access, creds))).toEqual({
      code: "expired_token",
      status: 401,
    });
  });

  it("answers invalid_token for unknown tokens and NO_AUTH_FOUND without one", () => {
    const { access } = setup();
    expect(authError(() => authenticate(access, { kind: "oauth", token: "nope" }))).toEqual({
      code: "invalid_token",
      status: 401,
    });
    expect(authError(() => authenticate(access, { kind: "oauth", token: undefined }))).toEqual({
      code: "NO_AUTH_FOUND",
      status: 401,
    });
  });

  it("rotates the refresh token on every refresh and refuses the spent one", () => {
    const { access, app } = setup();
    const first = access.issueTokens(app.clientId, 5);
    const second = access.refreshTokens(
      app.clientId,
      app.clientSecret,
      first.refreshToken,
    ) as TokenGrant;
    expect(second.refreshToken).not.toBe(first.refreshToken);
    expect(second.userId).toBe(5);
    expect(access.refreshTokens(app.clientId, app.clientSecret, first.refreshToken)).toMatchObject({
      error: "invalid_grant",
    });
    expect(access.refreshTokens(app.clientId, "wrong", second.refreshToken)).toMatchObject({
      error: "invalid_client",
    });
    expect(
      access.refreshTokens(app.clientId, app.clientSecret, second.refreshToken),
    ).toHaveProperty("accessToken");
  });

  it("refuses a refresh token after 180 days", () => {
    const { access, app, clock } = setup();
    const grant = access.issueTokens(app.clientId);
    clock.advance(180 * 24 * 3600_000);
    expect(access.refreshTokens(app.clientId, app.clientSecret, grant.refreshToken)).toMatchObject({
      error: "invalid_grant",
    });
  });

  it("expires tokens on demand", () => {
    const { access, app } = setup();
    const a = access.issueTokens(app.clientId);
    const b = access.issueTokens(app.clientId);
    expect(access.expireAccessTokens(a.accessToken)).toBe(1);
    expect(access.checkAccessToken(a.accessToken)).toEqual({ ok: false, error: "expired_token" });
    expect(access.checkAccessToken(b.accessToken).ok).toBe(true);
    expect(access.expireAccessTokens()).toBe(1);
  });

  it("exchanges a 30-second authorization code once", () => {
    const { access, app, clock } = setup();
    const code = access.createAuthCode(app.clientId, 3);
    expect(access.exchangeAuthCode(app.clientId, app.clientSecret, code)).toMatchObject({
      userId: 3,
    });
    expect(access.exchangeAuthCode(app.clientId, app.clientSecret, code)).toMatchObject({
      error: "invalid_grant",
    });
    const late = access.createAuthCode(app.clientId);
    clock.advance(30_000);
    expect(access.exchangeAuthCode(app.clientId, app.clientSecret, late)).toMatchObject({
      error: "invalid_grant",
    });
  });
});
