import { describe, expect, it } from "vitest";
import { answer, makeTestPortal } from "../test-kit.js";

const BASE = "http://127.0.0.1:8101";

describe("/oauth/token/", () => {
  it("refreshes after expired_token with the documented answer shape and a new refresh token", async () => {
    const t = makeTestPortal();
    t.clock.advance(3600_000);
    expect(
      (await t.call("crm.fake.list", { auth: t.tokens.accessToken }, "/rest/")).body.error,
    ).toBe("expired_token");
    const query = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: t.app.clientId,
      client_secret: t.app.clientSecret,
      refresh_token: t.tokens.refreshToken,
    });
    const { status, body } = await answer(
      await t.http.request(`${BASE}/oauth/token/?${query.toString()}`),
    );
    expect(status).toBe(200);
    expect(body).toEqual({
      access_token: expect.stringMatching(/^[a-z0-9]{32}$/),
      expires: Math.floor(t.clock.now() / 1000) + 3600,
      expires_in: 3600,
      scope: "crm,user,telephony",
      domain: "127.0.0.1:8101",
      server_endpoint: `${BASE}/rest/`,
      status: "L",
      client_endpoint: `${BASE}/rest/`,
      member_id: t.portal.memberId,
      user_id: 1,
      refresh_token: expect.stringMatching(/^[a-z0-9]{32}$/),
    });
    expect(body.refresh_token).not.toBe(t.tokens.refreshToken);
    expect((await t.call("crm.fake.list", { auth: body.access_token }, "/rest/")).status).toBe(200);

    // The spent refresh token is refused; the new one works, sent as a POST form (JS SDK style).
    const again = await answer(await t.http.request(`${BASE}/oauth/token/?${query.toString()}`));
    expect([again.status, again.body.error]).toEqual([400, "invalid_grant"]);
    const form = new URLSearchParams(query);
    form.set("refresh_token", String(body.refresh_token));
    const posted = await t.http.request(`${BASE}/oauth/token`, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: form.toString(),
    });
    expect(posted.status).toBe(200);
  });

  it("answers invalid_client for a wrong secret and invalid_request for a bad grant type", async () => {
    const t = makeTestPortal();
    const bad = new URLSearchParams({
      grant_type: "refresh_token",
      client_id: t.app.clientId,
      client_secret: "wrong",
      refresh_token: t.tokens.refreshToken,
    });
    const wrong = await answer(await t.http.request(`${BASE}/oauth/token/?${bad.toString()}`));
    expect([wrong.status, wrong.body.error]).toEqual([401, "invalid_client"]);
    bad.set("client_secret", t.app.clientSecret);
    bad.set("grant_type", "password");
    const grant = await answer(await t.http.request(`${BASE}/oauth/token/?${bad.toString()}`));
    expect([grant.status, grant.body.error]).toEqual([400, "invalid_request"]);
  });

  it("runs the authorization-code flow", async () => {
    const t = makeTestPortal();
    const authorize = await answer(
      await t.http.request(
        `${BASE}/oauth/authorize/?client_id=${t.app.clientId}&state=xyz&user_id=1`,
      ),
    );
    expect(authorize.body).toMatchObject({
      state: "xyz",
      member_id: t.portal.memberId,
      scope: "crm,user,telephony",
    });
    const code = String(authorize.body.code);
    const exchange = new URLSearchParams({
      grant_type: "authorization_code",
      client_id: t.app.clientId,
      client_secret: t.app.clientSecret,
      code,
    });
    const tokens = await answer(
      await t.http.request(`${BASE}/oauth/token/?${exchange.toString()}`),
    );
    expect(tokens.status).toBe(200);
    expect(
      (await t.call("profile", { auth: tokens.body.access_token }, "/rest/")).body.result,
    ).toMatchObject({
      ID: "1",
    });
  });

  it("redirects to the redirect_uri with the code", async () => {
    const t = makeTestPortal();
    const response = await t.http.request(
      `${BASE}/oauth/authorize/?client_id=${t.app.clientId}&state=s1&redirect_uri=${encodeURIComponent("https://app.test/cb")}`,
    );
    expect(response.status).toBe(302);
    const location = new URL(response.headers.get("location") ?? "");
    expect(location.origin + location.pathname).toBe("https://app.test/cb");
    expect(location.searchParams.get("state")).toBe("s1");
    expect(location.searchParams.get("code")).toMatch(/^[a-z0-9]{32}$/);
  });
});
