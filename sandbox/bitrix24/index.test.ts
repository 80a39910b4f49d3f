import { afterEach, describe, expect, it } from "vitest";
import { startBitrix24Sandbox, type Bitrix24Sandbox } from "./index.js";
import { FAKE_METHODS } from "./test-kit.js";

let sandbox: Bitrix24Sandbox | undefined;
afterEach(async () => {
  await sandbox?.close();
  sandbox = undefined;
});

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("startBitrix24Sandbox", () => {
  it("serves each portal on its own port with a real-looking webhook URL", async () => {
    sandbox = await startBitrix24Sandbox({
      methods: FAKE_METHODS,
      portals: [{ memberId: "source" }, { memberId: "target", kind: "box", timeZone: "+05:00" }],
    });
    const [source, target] = sandbox.portals;
    expect(source!.webhookUrl).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/rest\/1\/[a-z0-9]{16}\/$/);
    expect(source!.baseUrl).not.toBe(target!.baseUrl);
    expect(sandbox.baseUrl).toBe(source!.baseUrl);
    expect((await post(`${source!.webhookUrl}crm.fake.get`, { id: 4 })).body.result).toEqual({
      ID: "4",
      TITLE: "Deal 4",
    });
    // A portal does not know the other portal's webhook.
    const cross = await post(`${target!.baseUrl}/rest/1/${source!.webhook.code}/server.time`, {});
    expect([cross.status, cross.body.error]).toEqual([401, "INVALID_CREDENTIALS"]);
    expect((await post(`${target!.webhookUrl}server.time`, {})).body.result).toMatch(/\+05:00$/);
    expect(sandbox.stats("target")).toMatchObject({
      httpRequests: 2,
      commands: 1,
      authRejections: 1,
    });
    expect(sandbox.stats(0)).toMatchObject({ httpRequests: 1, commands: 1 });
  });

  it("binds consecutive ports from a given one", async () => {
    const probe = await startBitrix24Sandbox({ methods: FAKE_METHODS });
    const free = Number(new URL(probe.baseUrl).port);
    await probe.close();
    sandbox = await startBitrix24Sandbox({ methods: FAKE_METHODS, portals: 2, port: free });
    expect(sandbox.portals.map((p) => new URL(p.baseUrl).port)).toEqual([
      String(free),
      String(free + 1),
    ]);
  });

  it("adds and revokes webhooks with their own scopes", async () => {
    sandbox = await startBitrix24Sandbox({ methods: FAKE_METHODS });
    const { url, webhook } = sandbox.addWebhook({ userId: 1, scopes: ["user"] });
    expect(webhook.scopes).toEqual(new Set(["user"]));
    expect((await post(`${url}user.fake.get`, {})).status).toBe(200);
    expect((await post(`${url}crm.fake.list`, {})).body.error).toBe("insufficient_scope");
    expect(sandbox.revokeWebhook(webhook.code)).toBe(true);
    expect((await post(`${url}user.fake.get`, {})).body.error).toBe("INVALID_CREDENTIALS");
    expect(sandbox.revokeWebhook()).toBe(true);
    expect((await post(`${sandbox.portals[0]!.webhookUrl}server.time`, {})).status).toBe(401);
  });

  it("expires tokens on demand and refreshes through /oauth/token/", async () => {
    sandbox = await startBitrix24Sandbox({ methods: FAKE_METHODS });
    const portal = sandbox.portal();
    const rest = portal.clientEndpoint;
    expect((await post(`${rest}profile`, { auth: portal.tokens.accessToken })).status).toBe(200);
    expect(sandbox.expireTokens()).toBe(1);
    expect((await post(`${rest}profile`, { auth: portal.tokens.accessToken })).body.error).toBe(
      "expired_token",
    );
    const refreshed = await post(`${portal.baseUrl}/oauth/token/`, {
      grant_type: "refresh_token",
      client_id: portal.app.clientId,
      client_secret: portal.app.clientSecret,
      refresh_token: portal.tokens.refreshToken,
    });
    expect(refreshed.body.client_endpoint).toBe(rest);
    expect((await post(`${rest}profile`, { auth: refreshed.body.access_token })).status).toBe(200);
    expect(sandbox.stats().tokenRequests).toBe(1);
  });

  it("changes limits at run time", async () => {
    sandbox = await startBitrix24Sandbox({ methods: FAKE_METHODS, limits: false });
    const url = `${sandbox.portal().webhookUrl}server.time`;
    for (let i = 0; i < 60; i++) expect((await post(url, {})).status).toBe(200);
    sandbox.setLimits({ rate: { threshold: 2, drainPerSecond: 0.001 } });
    expect((await post(url, {})).status).toBe(200);
    expect((await post(url, {})).status).toBe(200);
    expect((await post(url, {})).body.error).toBe("QUERY_LIMIT_EXCEEDED");
    sandbox.resetStats();
    expect(sandbox.stats().httpRequests).toBe(0);
  });
});
