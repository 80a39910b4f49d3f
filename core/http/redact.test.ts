import { inspect } from "node:util";
import { describe, expect, it } from "vitest";
import { pinoRedactPaths, redactObject, redactText, redactUrl } from "./redact.js";
import { Secret } from "./secret.js";

describe("redactUrl", () => {
  it.each([
    [
      "https://acme.bitrix24.ru/rest/1/abc123secret/crm.deal.list.json?ID=42",
      "https://acme.bitrix24.ru/rest/1/***/crm.deal.list.json?ID=42",
    ],
    ["https://acme.bitrix24.ru/rest/7/s3cr3t/", "https://acme.bitrix24.ru/rest/7/***/"],
    [
      "https://acme.bitrix24.ru/rest/api/1/s3cr3t/tasks.task.get",
      "https://acme.bitrix24.ru/rest/api/1/***/tasks.task.get",
    ],
    [
      "https://acme.bitrix24.ru/rest/crm.deal.list?auth=tok",
      "https://acme.bitrix24.ru/rest/crm.deal.list?auth=***",
    ],
    [
      "https://x.test/cb?code=c0de&state=s&access_token=a&refresh_token=r&client_secret=cs&key=k&password=p&apiToken=t&token=z&limit=50",
      "https://x.test/cb?code=***&state=s&access_token=***&refresh_token=***&client_secret=***&key=***&password=***&apiToken=***&token=***&limit=50",
    ],
    [
      "https://user:pass@jira.example.com/rest/api/3/myself",
      "https://***:***@jira.example.com/rest/api/3/myself",
    ],
    [
      "https://app.test/#access_token=abc&expires_in=3600",
      "https://app.test/#access_token=***&expires_in=3600",
    ],
    ["https://acme.amocrm.ru/api/v4/leads?page=2", "https://acme.amocrm.ru/api/v4/leads?page=2"],
  ])("%s", (input, expected) => {
    expect(redactUrl(input)).toBe(expected);
  });

  it("accepts URL objects and redacts unparsable text loosely", () => {
    expect(redactUrl(new URL("https://p.test/rest/1/abc/x"))).toBe("https://p.test/rest/1/***/x");
    expect(redactUrl("p.test/rest/1/abc/x?auth=t")).toBe("p.test/rest/1/***/x?auth=***");
  });
});

describe("redactText", () => {
  it("redacts URLs inside text and keeps trailing punctuation", () => {
    const text =
      "Webhook https://acme.bitrix24.ru/rest/1/q1w2e3/ failed (see https://h.test/?token=abc).";
    expect(redactText(text)).toBe(
      "Webhook https://acme.bitrix24.ru/rest/1/***/ failed (see https://h.test/?token=***).",
    );
  });

  it("redacts bearer/basic credentials, key=value pairs and JSON fields", () => {
    expect(redactText("Authorization: Bearer eyJhbGciOi.abc.def")).toBe(
      "Authorization: Bearer ***",
    );
    expect(redactText("basic dXNlcjpwYXNz")).toBe("basic ***");
    expect(redactText("body auth=xyz&ID=1")).toBe("body auth=***&ID=1");
    expect(redactText('{"access_token":"a\\"b","user":"u","refresh_token": "r"}')).toBe(
      '{"access_token":"***","user":"u","refresh_token":"***"}',
    );
    expect(redactText("host acme.bitrix24.ru/rest/12/zzz/profile")).toBe(
      "host acme.bitrix24.ru/rest/12/***/profile",
    );
  });

  it("leaves ordinary text alone", () => {
    const text = "Created 50 deals in 1.2 s, next page 2";
    expect(redactText(text)).toBe(text);
  });
});

describe("redactObject", () => {
  it("masks secret keys at any depth and redacts strings", () => {
    const input = {
      portal: "acme.bitrix24.ru",
      webhookUrl: "https://acme.bitrix24.ru/rest/1/abc/",
      nested: [
        {
          accessToken: "a",
          refresh_token: "r",
          apiKey: "k",
          idKey: "ID",
          note: "see https://x.test/?auth=q",
        },
      ],
      headers: { Authorization: "Bearer tttt", "content-type": "json" },
      credentials: { email: "e@x.test", token: "t" },
      tokens: 3,
    };
    expect(redactObject(input)).toEqual({
      portal: "acme.bitrix24.ru",
      webhookUrl: "***",
      nested: [
        {
          accessToken: "***",
          refresh_token: "***",
          apiKey: "***",
          idKey: "ID",
          note: "see https://x.test/?auth=***",
        },
      ],
      headers: { Authorization: "***", "content-type": "json" },
      credentials: "***",
      tokens: 3,
    });
  });

  it("handles Secrets, URLs, errors, cycles and leaves the input untouched", () => {
    const error = new Error("GET https://p.test/rest/1/abc/x failed");
    const input: Record<string, unknown> = {
      s: new Secret("hunter2"),
      u: new URL("https://p.test/?token=1"),
      error,
    };
    input["self"] = input;
    const out = redactObject(input) as Record<string, Record<string, unknown>>;
    expect(out["s"]).toBe("***");
    expect(out["u"]).toBe("https://p.test/?token=***");
    expect(out["error"]?.["message"]).toBe("GET https://p.test/rest/1/***/x failed");
    expect(String(out["error"]?.["stack"])).not.toContain("/abc/");
    expect(out["self"]).toBe("[Circular]");
    expect(error.message).toContain("/abc/");
  });

  it("exposes pino redact paths", () => {
    expect(pinoRedactPaths).toContain("*.webhookUrl");
    expect(pinoRedactPaths).toContain("headers.authorization");
  });
});

describe("Secret", () => {
  it("prints *** everywhere but reveal()", () => {
    const secret = new Secret("hunter2");
    expect(secret.reveal()).toBe("hunter2");
    expect(String(secret)).toBe("***");
    // eslint-disable-next-line @typescript-eslint/restrict-template-expressions -- what the test is about
    expect(`${secret}`).toBe("***");
    expect(JSON.stringify({ secret })).toBe('{"secret":"***"}');
    expect(inspect({ secret })).not.toContain("hunter2");
    expect(Object.keys(secret)).toEqual([]);
  });
});

describe("Jira paths", () => {
  it("are not mistaken for Bitrix24 REST 3.0 webhooks on atlassian.net", () => {
    const url = "https://acme.atlassian.net/rest/api/3/issue/PROJ-1/comment";
    expect(redactUrl(url)).toBe(url);
    expect(redactText(`GET ${url} answered 404`)).toBe(`GET ${url} answered 404`);
    expect(redactUrl("https://b.test/rest/api/1/c0de/tasks.task.get")).toBe(
      "https://b.test/rest/api/1/***/tasks.task.get",
    );
  });
});
