import { describe, expect, it } from "vitest";
import { isPereezdError, type PereezdError } from "../../errors.js";
import { Secret } from "../../http/secret.js";
import { policies } from "../../ratelimit/policies.js";
import { bitrix24Policy, parseBitrix24Config, parsePortal, parseWebhookUrl } from "./config.js";

const CODE = "k3yc0de4hook99ab";

function refusal(fn: () => unknown): PereezdError {
  try {
    fn();
  } catch (error) {
    if (isPereezdError(error)) return error;
    throw error;
  }
  throw new Error("expected a refusal");
}

describe("parseWebhookUrl", () => {
  it.each([
    [`https://acme.bitrix24.ru/rest/1/${CODE}/`, "acme.bitrix24.ru", "1"],
    [`https://acme.bitrix24.ru/rest/17/${CODE}`, "acme.bitrix24.ru", "17"],
    [`https://ACME.bitrix24.ru/rest/1/${CODE}/profile.json`, "acme.bitrix24.ru", "1"],
    [`  https://crm.example.com:8443/rest/5/${CODE}/crm.deal.list  `, "crm.example.com:8443", "5"],
  ])("accepts %s", (url, host, userId) => {
    const parsed = parseWebhookUrl(new Secret(url));
    expect(parsed.host).toBe(host);
    expect(parsed.userId).toBe(userId);
    expect(parsed.base.reveal()).toBe(`${parsed.origin}/rest/${userId}/${CODE}/`);
    expect(String(parsed.base)).toBe("***");
  });

  it.each([
    ["not a link at all"],
    ["ftp://acme.bitrix24.ru/rest/1/abcdef/"],
    ["https://acme.bitrix24.ru/"],
    ["https://acme.bitrix24.ru/crm/deal/list/"],
    ["https://acme.bitrix24.ru/rest/admin/abcdef/"],
    ["https://acme.bitrix24.ru/rest/1/"],
    [`https://user:pw@acme.bitrix24.ru/rest/1/${CODE}/`],
    ["https://docs.google.com/spreadsheets/d/1abc/edit"],
  ])("refuses %s as not_a_webhook_url, without echoing it", (url) => {
    const error = refusal(() => parseWebhookUrl(new Secret(url)));
    expect(error.kind).toBe("invalid_input");
    expect(error.code).toBe("not_a_webhook_url");
    expect(error.message).not.toContain(url.trim());
  });
});

describe("parseBitrix24Config", () => {
  it("parses both auth modes and defaults to a standard cloud portal", () => {
    const hook = parseBitrix24Config({
      auth: { mode: "webhook", url: `https://a.bitrix24.ru/rest/1/${CODE}/` },
    });
    expect(hook.deployment).toEqual({ kind: "cloud", plan: "standard" });
    expect(hook.auth.mode === "webhook" && hook.auth.url).toBeInstanceOf(Secret);
    const app = parseBitrix24Config({
      auth: {
        mode: "oauth",
        portal: "a.bitrix24.ru",
        clientId: "local.1",
        clientSecret: "cs",
        accessToken: "at",
        refreshToken: "rt",
        expiresAt: 1,
      },
      deployment: { kind: "on_premise", ratePerSec: 20 },
    });
    expect(app.auth.mode === "oauth" && String(app.auth.accessToken)).toBe("***");
    expect(JSON.stringify(app)).not.toMatch(/"(at|rt|cs)"/);
  });

  it("refuses a malformed webhook URL and incomplete settings", () => {
    expect(
      refusal(() => parseBitrix24Config({ auth: { mode: "webhook", url: "https://example.com/" } }))
        .code,
    ).toBe("not_a_webhook_url");
    const incomplete = refusal(() =>
      parseBitrix24Config({
        auth: { mode: "oauth", portal: "a.bitrix24.ru", accessToken: "secret-at" },
      }),
    );
    expect(incomplete).toMatchObject({ kind: "invalid_input", code: "bad_config" });
    expect(incomplete.message).toContain("auth.clientId");
    expect(incomplete.message).not.toContain("secret-at");
  });

  it("reads a portal host with or without scheme", () => {
    expect(parsePortal("acme.bitrix24.ru").origin).toBe("https://acme.bitrix24.ru");
    expect(parsePortal("https://acme.bitrix24.ru/rest/").base.reveal()).toBe(
      "https://acme.bitrix24.ru/rest/",
    );
    expect(parsePortal("http://127.0.0.1:8101").host).toBe("127.0.0.1:8101");
  });
});

describe("bitrix24Policy", () => {
  it("follows the deployment: cloud 2/s burst 50, Enterprise 5/250, box per admin", () => {
    expect(bitrix24Policy({ kind: "cloud", plan: "standard" })).toBe(policies.bitrix24Cloud);
    expect(bitrix24Policy({ kind: "cloud", plan: "enterprise" }).documented).toEqual({
      ratePerSec: 5,
      burst: 250,
    });
    expect(bitrix24Policy({ kind: "on_premise" }).documented).toEqual({
      ratePerSec: 10,
      burst: 20,
    });
    const box = bitrix24Policy({
      kind: "on_premise",
      ratePerSec: 50,
      burst: 100,
      operatingLimitSec: 420,
    });
    expect(box.documented).toEqual({ ratePerSec: 50, burst: 100 });
    expect(box.operating?.limitSec).toBe(420);
  });
});
