import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { isPereezdError } from "../../errors.js";
import { startHarness, type Harness } from "./__fixtures__/sandbox-harness.js";
import type { Bitrix24ConfigInput } from "./config.js";
import type { TokenSet } from "./oauth.js";

describe("Bitrix24 connector with an OAuth app", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const oauth = (
    over: Partial<Extract<Bitrix24ConfigInput["auth"], { mode: "oauth" }>> = {},
  ): Bitrix24ConfigInput["auth"] => ({
    mode: "oauth",
    portal: h.portal.baseUrl,
    clientId: h.portal.app.clientId,
    clientSecret: h.portal.app.clientSecret,
    accessToken: h.portal.tokens.accessToken,
    refreshToken: h.portal.tokens.refreshToken,
    expiresAt: h.portal.tokens.accessExpiresAt,
    serverEndpoint: h.portal.clientEndpoint,
    ...over,
  });

  it("refreshes an expired token once for concurrent calls, persists it and retries", async () => {
    const saved: TokenSet[] = [];
    const connector = h.connect({
      config: { auth: oauth() },
      deps: { onTokens: (t) => void saved.push(t) },
    });
    expect((await connector.check()).user.id).toBe("1");
    expect(h.sandbox.expireTokens()).toBeGreaterThan(0);
    h.sandbox.resetStats();

    const schemas = await Promise.all(
      (["companies", "contacts", "leads", "deals"] as const).map((e) => connector.describe(e)),
    );
    expect(schemas.every((s) => s.fields.length > 0)).toBe(true);
    const stats = h.sandbox.stats();
    expect(stats.tokenRequests).toBe(1);
    expect(stats.authRejections).toBe(4);
    expect(connector.tokenRefreshes).toBe(1);
    expect(saved).toHaveLength(1);
    expect(saved[0]?.accessToken.reveal()).not.toBe(h.portal.tokens.accessToken);
    expect(saved[0]?.refreshToken.reveal()).not.toBe(h.portal.tokens.refreshToken);
    expect(saved[0]?.memberId).toBe(h.portal.portal.memberId);
    expect(JSON.stringify(saved)).not.toContain(saved[0]?.accessToken.reveal());

    await connector.count("deals");
    expect(h.sandbox.stats().tokenRequests).toBe(1);
    expect((await connector.check()).accountId).toBe(h.portal.portal.memberId);
  });

  it("a refused refresh is an auth error that names the portal", async () => {
    const connector = h.connect({
      config: { auth: oauth({ clientSecret: "wrong-secret-value" }) },
    });
    h.sandbox.expireTokens();
    const error = await connector.check().catch((e: unknown) => e);
    expect(isPereezdError(error, "auth")).toBe(true);
    expect(String((error as Error).message)).toContain(h.host);
    expect(String((error as Error).message)).not.toContain("wrong-secret-value");
  });
});
