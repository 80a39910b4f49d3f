import { describe, expect, it } from "vitest";
import { isPereezdError } from "../../errors.js";
import { createFakeClock } from "../../http/fake-clock.js";
import type { PortalLimiter } from "../../ratelimit/portal-limiter.js";
import { createHttpClient } from "../../http/request.js";
import { Secret } from "../../http/secret.js";
import { createBitrix24Client } from "./client.js";
import { parseWebhookUrl } from "./config.js";
import { createBitrix24Connector } from "./index.js";

const HOOK = "https://acme.bitrix24.ru/rest/1/s3cr3tc0de4hook9/";

function setup(answers: Array<(body: Record<string, unknown>) => Response>) {
  const clock = createFakeClock(Date.UTC(2026, 4, 14, 10, 0, 0));
  const calls: Array<{ url: string; body: Record<string, unknown> }> = [];
  const limiterLog: string[] = [];
  const logs: string[] = [];
  const logger = {
    debug: (obj: object, msg: string) => void logs.push(`${msg} ${JSON.stringify(obj)}`),
    warn: (obj: object, msg: string) => void logs.push(`${msg} ${JSON.stringify(obj)}`),
  };
  const limiter: PortalLimiter = {
    acquire: async () => undefined,
    acquireMethod: async (_key, method) => void limiterLog.push(`acquireMethod ${method}`),
    penalize: async (_key, p) => void limiterLog.push(`penalize ${p.retryAfterMs}`),
    penalizeMethod: async (_key, method, p) =>
      void limiterLog.push(`penalizeMethod ${method} ${p.retryAfterMs}`),
    observeOperating: async (_key, method, u) =>
      void limiterLog.push(`observe ${method} ${u.operating} ${u.operatingResetAt}`),
    stats: async (key) => ({
      key,
      tokens: 1,
      capacity: 1,
      ratePerSec: 2,
      penaltyMs: 0,
      blockedMethods: {},
      acquired: 0,
      waitedMs: 0,
    }),
  };
  const fetch: typeof globalThis.fetch = async (input, init) => {
    const body = JSON.parse(typeof init?.body === "string" ? init.body : "{}") as Record<
      string,
      unknown
    >;
    calls.push({ url: input instanceof Request ? input.url : input.toString(), body });
    const answer = answers[Math.min(calls.length - 1, answers.length - 1)];
    if (answer === undefined) throw new Error("no answer");
    return answer(body);
  };
  const connector = createBitrix24Connector(
    { auth: { mode: "webhook", url: HOOK } },
    {
      limiter,
      fetch,
      allowedHosts: [],
      lookup: async () => [{ address: "93.184.215.14", family: 4 }],
      now: clock.now,
      sleep: clock.sleep,
      logger,
      retry: { random: () => 0 },
    },
  );
  return { connector, calls, limiterLog, clock, logs, limiter, logger };
}

const json = (status: number, body: unknown, type = "application/json") =>
  new Response(typeof body === "string" ? body : JSON.stringify(body), {
    status,
    headers: { "content-type": type },
  });
const nowSec = Date.UTC(2026, 4, 14, 10, 0, 0) / 1000;

describe("Bitrix24 client over a scripted portal", () => {
  it("posts batch commands in PHP query form and feeds each command's operating time to the limiter", async () => {
    const { connector, calls, limiterLog } = setup([
      () =>
        json(200, {
          result: {
            result: { n0: [{ ID: "1" }] },
            result_error: [],
            result_total: { n0: 7 },
            result_next: [],
            result_time: { n0: { operating: 12.5, operating_reset_at: nowSec + 300 } },
          },
          time: { operating: 0 },
        }),
    ]);
    expect(await connector.count("deals", { changedSince: "2024-01-01T00:00:00+03:00" })).toBe(7);
    expect(calls[0]?.url).toBe(`${HOOK}batch`);
    const cmd = (calls[0]?.body["cmd"] ?? {}) as Record<string, string>;
    expect(decodeURIComponent(cmd["n0"] ?? "")).toBe(
      "crm.deal.list?select[0]=ID&filter[>=DATE_MODIFY]=2024-01-01T00:00:00+03:00",
    );
    expect(limiterLog).toContain("acquireMethod crm.deal.list");
    expect(limiterLog).toContain(`observe crm.deal.list 12.5 ${nowSec + 300}`);
  });

  it("OPERATION_TIME_LIMIT inside a batch blocks that method until its reset, then it is asked again", async () => {
    const batch = (inner: Record<string, unknown>) => () =>
      json(200, { result: { result: [], result_error: [], ...inner } });
    const { connector, limiterLog, calls } = setup([
      batch({
        result: { n0: [] },
        result_total: { n0: 7 },
        result_time: { n0: { operating: 470, operating_reset_at: nowSec + 30 } },
      }),
      batch({
        result_error: {
          n0: { error: "OPERATION_TIME_LIMIT", error_description: "Method is blocked" },
        },
      }),
      batch({ result: { n0: [] }, result_total: { n0: 3 } }),
    ]);
    expect(await connector.count("deals")).toBe(7);
    expect(await connector.count("deals")).toBe(3);
    expect(calls).toHaveLength(3);
    // Until operating_reset_at + 1 s, as the JS SDK does.
    expect(limiterLog).toContain("penalizeMethod crm.deal.list 31000");
    expect(limiterLog.filter((l) => l === "acquireMethod crm.deal.list")).toHaveLength(3);
  });

  it("per-command errors are outcomes (old string form too); the batch does not throw", async () => {
    const { connector } = setup([
      () =>
        json(200, {
          result: {
            result: { c0: 11 },
            result_error: {
              c1: { error: "", error_description: "Required fields: TITLE" },
              c2: "Access denied.",
            },
            result_total: [],
            result_next: [],
            result_time: [],
          },
        }),
    ]);
    const outcomes = await connector.write(
      "companies",
      [
        { sourceId: "a", fields: { TITLE: "A" } },
        { sourceId: "b", fields: {} },
        { sourceId: "c", fields: { TITLE: "C" } },
      ],
      { tag: "t" },
    );
    expect(outcomes).toEqual([
      { sourceId: "a", ok: true, targetId: "11", created: true },
      {
        sourceId: "b",
        ok: false,
        error: expect.objectContaining({
          kind: "invalid_input",
          message: expect.stringContaining("TITLE") as unknown,
        }) as unknown,
      },
      { sourceId: "c", ok: false, error: expect.objectContaining({ kind: "auth" }) as unknown },
    ]);
  });

  it("an HTML page with status 200 is transient; 503 QUERY_LIMIT_EXCEEDED penalizes the whole portal", async () => {
    const { connector, limiterLog, calls } = setup([
      () => json(200, "<html>maintenance</html>", "text/html"),
      () => json(503, { error: "QUERY_LIMIT_EXCEEDED", error_description: "Too many requests" }),
      () =>
        json(200, {
          result: {
            result: { profile: { ID: "1", ADMIN: true }, scope: ["crm", "user"] },
            result_error: [],
          },
        }),
    ]);
    const check = await connector.check();
    expect(check.missingScopes).toEqual([]);
    expect(calls).toHaveLength(3);
    expect(limiterLog).toContain("penalize 500");
  });

  it("call() sends one method and reports its operating time", async () => {
    const { limiter, logger, limiterLog } = setup([]);
    const usage: unknown[] = [];
    const http = createHttpClient({
      fetch: async () =>
        json(200, {
          result: "2026-05-14T13:00:00+03:00",
          time: { operating: 0.5, operating_reset_at: nowSec + 60 },
        }),
      limiter,
      logger,
      meter: { record: (u) => void usage.push(u) },
    });
    const client = createBitrix24Client({
      http,
      endpoint: parseWebhookUrl(new Secret(HOOK)),
      limiter,
      ready: async () => undefined,
      operating: { resetAt: new Map() },
      timeoutMs: 1_000,
      now: () => nowSec * 1000,
    });
    const answer = await client.call(
      "server.time",
      {},
      { kind: "read", signal: new AbortController().signal },
    );
    expect(answer.result).toBe("2026-05-14T13:00:00+03:00");
    expect(usage).toEqual([{ kind: "read", commands: 1 }]);
    expect(limiterLog).toEqual([
      "acquireMethod server.time",
      `observe server.time 0.5 ${nowSec + 60}`,
    ]);
    await expect(
      client.batch(
        Array.from({ length: 51 }, (_, i) => ({ key: `k${i}`, method: "profile", params: {} })),
        { kind: "read", signal: new AbortController().signal },
      ),
    ).rejects.toMatchObject({ kind: "invalid_input", code: "batch_too_large" });
  });

  it("never puts the webhook code in an error or a log line", async () => {
    const { connector, logs } = setup([
      () =>
        json(401, {
          error: "INVALID_CREDENTIALS",
          error_description: "Invalid request credentials",
        }),
    ]);
    const error = await connector.check().catch((e: unknown) => e);
    expect(isPereezdError(error, "auth")).toBe(true);
    expect(
      JSON.stringify({ m: (error as Error).message, d: (error as { details?: unknown }).details }),
    ).not.toContain("s3cr3tc0de4hook9");
    expect((error as Error).message).toContain("acme.bitrix24.ru");
    expect(logs.length).toBeGreaterThan(0);
    expect(logs.join("\n")).not.toContain("s3cr3tc0de4hook9");
  });
});
