import { describe, expect, it } from "vitest";
import { PereezdError, rateLimited } from "../errors.js";
import type { CallUsage } from "../metering/call-usage.js";
import type { PortalLimiter } from "../ratelimit/portal-limiter.js";
import { defaultClassify } from "./classify.js";
import { createFakeClock } from "./fake-clock.js";
import { createHttpClient, type HttpClientDeps, type HttpRequest } from "./request.js";
import { Secret } from "./secret.js";
import { abortReason } from "./sleep.js";

type Handler = (url: URL, init: RequestInit) => Promise<Response> | Response;

function setup(handlers: Handler[], deps: Partial<HttpClientDeps> = {}) {
  const clock = createFakeClock();
  const calls: Array<{ url: string; init: RequestInit }> = [];
  const logs: string[] = [];
  const usage: CallUsage[] = [];
  const limiterCalls: string[] = [];
  const limiter: PortalLimiter = {
    acquire: async (key, cost) => void limiterCalls.push(`acquire ${key} ${cost}`),
    acquireMethod: async (key, method) => void limiterCalls.push(`method ${key} ${method}`),
    penalize: async (key, p) => void limiterCalls.push(`penalize ${key} ${p.retryAfterMs}`),
    penalizeMethod: async (key, m, p) =>
      void limiterCalls.push(`penalizeMethod ${key} ${m} ${p.retryAfterMs}`),
    observeOperating: async () => undefined,
    stats: async () => {
      throw new Error("unused");
    },
  };
  const fetch = (async (input: string | URL | Request, init?: RequestInit) => {
    const url = new URL(input instanceof Request ? input.url : input.toString());
    calls.push({ url: url.toString(), init: init ?? {} });
    const handler = handlers[Math.min(calls.length - 1, handlers.length - 1)];
    if (handler === undefined) throw new Error("no handler");
    return handler(url, init ?? {});
  }) as typeof globalThis.fetch;
  const client = createHttpClient({
    fetch,
    now: clock.now,
    sleep: clock.sleep,
    limiter,
    meter: { record: (u) => void usage.push(u) },
    logger: {
      debug: (obj, msg) => void logs.push(`${msg} ${JSON.stringify(obj)}`),
      warn: (obj, msg) => void logs.push(`${msg} ${JSON.stringify(obj)}`),
    },
    retry: { random: () => 0 },
    ...deps,
  });
  return { client, clock, calls, logs, usage, limiterCalls };
}

const json = (status: number, body: unknown, headers: Record<string, string> = {}) =>
  new Response(JSON.stringify(body), {
    status,
    headers: { "content-type": "application/json", ...headers },
  });
const base = (over: Partial<HttpRequest> = {}): HttpRequest => ({
  method: "GET",
  url: "https://acme.bitrix24.ru/rest/1/s3cr3t/profile",
  timeoutMs: 5_000,
  signal: new AbortController().signal,
  ...over,
});
const SECRET = "s3cr3t";

describe("createHttpClient", () => {
  it("sends query, JSON and secret headers, and parses a JSON answer", async () => {
    const t = setup([() => json(200, { result: { ID: "1" } }, { "x-bitrix-rest-time": "0.1" })]);
    const res = await t.client.request(
      base({
        method: "POST",
        url: new Secret("https://acme.bitrix24.ru/rest/1/s3cr3t/batch"),
        query: { halt: 0, "select[]": ["ID", "TITLE"], skip: undefined },
        json: { cmd: { a: "crm.deal.list" } },
        headers: { authorization: new Secret("Bearer tok") },
        usage: { kind: "read", commands: 50 },
      }),
    );
    expect(res).toMatchObject({ status: 200, body: { result: { ID: "1" } } });
    expect(res.headers.get("x-bitrix-rest-time")).toBe("0.1");
    const sent = t.calls[0]!;
    expect(sent.url).toBe(
      "https://acme.bitrix24.ru/rest/1/s3cr3t/batch?halt=0&select%5B%5D=ID&select%5B%5D=TITLE",
    );
    expect(sent.init.body).toBe('{"cmd":{"a":"crm.deal.list"}}');
    expect(sent.init.redirect).toBe("manual");
    const headers = new Headers(sent.init.headers);
    expect(headers.get("authorization")).toBe("Bearer tok");
    expect(headers.get("content-type")).toContain("application/json");
    expect(t.usage).toEqual([{ kind: "read", commands: 50 }]);
    expect(t.logs.join("\n")).not.toContain(SECRET);
  });

  it("sends form bodies and meters GETs as reads by default", async () => {
    const t = setup([() => new Response(null, { status: 204 })]);
    const res = await t.client.request(base({ method: "PUT", form: { a: 1, b: "x y", c: null } }));
    expect(t.calls[0]!.init.body).toBe("a=1&b=x+y");
    expect(res.body).toBeNull();
    await t.client.request(base({ usage: false }));
    await t.client.request(base());
    expect(t.usage).toEqual([
      { kind: "write", commands: 1 },
      { kind: "read", commands: 1 },
    ]);
  });

  it("returns HTML and broken JSON as text instead of throwing", async () => {
    const t = setup([
      () =>
        new Response("<html><body>Portal is updating</body></html>", {
          headers: { "content-type": "text/html" },
        }),
      () => new Response("{broken", { headers: { "content-type": "application/json" } }),
    ]);
    expect((await t.client.request(base())).body).toBe(
      "<html><body>Portal is updating</body></html>",
    );
    expect((await t.client.request(base())).body).toBe("{broken");
  });

  it("classifies failures with the default mapping and does not retry a 404", async () => {
    const t = setup([() => json(404, { error: "NOT_FOUND" })]);
    const error = await t.client.request(base()).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PereezdError);
    expect((error as PereezdError).kind).toBe("not_found");
    expect((error as PereezdError).message).not.toContain(SECRET);
    expect(t.calls).toHaveLength(1);
  });

  it("on 429 penalises the limiter key, waits Retry-After, then succeeds", async () => {
    const t = setup([() => json(429, {}, { "retry-after": "3" }), () => json(200, { ok: true })]);
    const res = await t.client.request(
      base({ limiterKey: "acme.bitrix24.ru", cost: 1, methods: ["profile"] }),
    );
    expect(res.body).toEqual({ ok: true });
    expect(t.clock.sleeps).toEqual([3_000]);
    expect(t.limiterCalls).toEqual([
      "method acme.bitrix24.ru profile",
      "acquire acme.bitrix24.ru 1",
      "penalize acme.bitrix24.ru 3000",
      "method acme.bitrix24.ru profile",
      "acquire acme.bitrix24.ru 1",
    ]);
    expect(t.usage).toHaveLength(2);
    expect(t.logs.join("\n")).not.toContain(SECRET);
  });

  it("blocks only the method when the classifier names it (OPERATION_TIME_LIMIT)", async () => {
    const t = setup([() => json(429, { error: "OPERATION_TIME_LIMIT" })], {
      classify: (r) =>
        r.status === 429
          ? rateLimited("operating", 90_000, { details: { method: "crm.deal.add" } })
          : defaultClassify(r),
    });
    const error = await t.client.request(base({ limiterKey: "k" })).catch((e: unknown) => e);
    expect((error as PereezdError).kind).toBe("rate_limited");
    expect(t.limiterCalls).toContain("penalizeMethod k crm.deal.add 90000");
    expect(t.calls).toHaveLength(1); // 90 s is a long wait: left to the job layer
  });

  it("retries 5xx with backoff for idempotent requests but not for a POST", async () => {
    const page = "<html>502 Bad Gateway https://acme.bitrix24.ru/rest/1/s3cr3t/</html>";
    const t = setup([() => new Response(page, { status: 502 }), () => json(200, { ok: 1 })]);
    expect((await t.client.request(base())).body).toEqual({ ok: 1 });
    expect(t.clock.sleeps).toEqual([250]);

    const p = setup([() => new Response(page, { status: 502 })]);
    const error = (await p.client
      .request(base({ method: "POST" }))
      .catch((e: unknown) => e)) as PereezdError;
    expect(error.kind).toBe("transient");
    expect(p.calls).toHaveLength(1);
    expect(JSON.stringify(error.details)).toContain("502 Bad Gateway");
    expect(JSON.stringify(error.details) + error.message).not.toContain(SECRET);
  });

  it("turns network failures into transient errors; connection refusals are retried even for POST", async () => {
    const refused = () => {
      const cause = Object.assign(new Error("connect ECONNREFUSED 10.0.0.1:443"), {
        code: "ECONNREFUSED",
      });
      throw new TypeError("fetch failed", { cause });
    };
    const t = setup([refused, () => json(200, {})]);
    await t.client.request(base({ method: "POST" }));
    expect(t.calls).toHaveLength(2);

    const reset = () => {
      throw new TypeError("fetch failed https://acme.bitrix24.ru/rest/1/s3cr3t/x", {
        cause: Object.assign(new Error("socket hang up"), { code: "ECONNRESET" }),
      });
    };
    const p = setup([reset]);
    const error = (await p.client
      .request(base({ method: "POST" }))
      .catch((e: unknown) => e)) as PereezdError;
    expect(error).toMatchObject({ kind: "transient", code: "network" });
    expect(error.message).not.toContain(SECRET);
    expect(p.calls).toHaveLength(1);
    expect(p.usage).toEqual([]);
  });

  it("reports its own timeout as transient", async () => {
    const timeouts: AbortController[] = [];
    const hang: Handler = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(abortReason(init.signal ?? undefined)));
        timeouts.at(-1)?.abort(new DOMException("timeout", "TimeoutError"));
      });
    const t = setup([hang], {
      timeoutSignal: () => {
        const c = new AbortController();
        timeouts.push(c);
        return c.signal;
      },
    });
    const error = (await t.client
      .request(base({ retry: false }))
      .catch((e: unknown) => e)) as PereezdError;
    expect(error).toMatchObject({ kind: "transient", code: "timeout" });
  });

  it("rethrows the caller's abort untouched and never retries it", async () => {
    const controller = new AbortController();
    const reason = new DOMException("paused by user", "AbortError");
    const hang: Handler = (_url, init) =>
      new Promise((_resolve, reject) => {
        init.signal?.addEventListener("abort", () => reject(abortReason(init.signal ?? undefined)));
        controller.abort(reason);
      });
    const t = setup([hang]);
    await expect(t.client.request(base({ signal: controller.signal }))).rejects.toBe(reason);
    expect(t.calls).toHaveLength(1);
    expect(t.clock.sleeps).toEqual([]);
  });

  it("does not follow redirects", async () => {
    const t = setup([
      () => new Response(null, { status: 302, headers: { location: "https://169.254.169.254/" } }),
    ]);
    const error = (await t.client.request(base()).catch((e: unknown) => e)) as PereezdError;
    expect(error).toMatchObject({ kind: "invalid_input", code: "http_redirect" });
    expect(t.calls).toHaveLength(1);
  });

  it("refuses a malformed URL before any request", async () => {
    const t = setup([() => json(200, {})]);
    await expect(t.client.request(base({ url: "acme/rest" }))).rejects.toMatchObject({
      code: "url_malformed",
    });
    expect(t.calls).toHaveLength(0);
  });
});
