import { describe, expect, it } from "vitest";
import { makeTestPortal } from "../test-kit.js";

describe("request-rate limit over HTTP", () => {
  it("answers 503 QUERY_LIMIT_EXCEEDED after the burst of 50 and recovers as it drains", async () => {
    const t = makeTestPortal();
    for (let i = 0; i < 50; i++) expect((await t.call("server.time")).status).toBe(200);
    const refused = await t.call("server.time");
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 503,
      body: { error: "QUERY_LIMIT_EXCEEDED", error_description: "Too many requests" },
    });
    t.clock.advance(500);
    expect((await t.call("server.time")).status).toBe(200);
    expect((await t.call("server.time")).status).toBe(503);
    t.clock.advance(25_000);
    for (let i = 0; i < 50; i++) expect((await t.call("server.time")).status).toBe(200);
    expect(t.runtime.stats.snapshot()).toMatchObject({
      httpRequests: 103,
      queryLimitRejections: 2,
    });
  });

  it("counts refused credentials too, and uses 250 / 5 per second on Enterprise", async () => {
    const t = makeTestPortal({ plan: "enterprise" });
    for (let i = 0; i < 250; i++) await t.call("server.time", {}, "/rest/1/wrong/");
    expect((await t.call("server.time")).status).toBe(503);
    t.clock.advance(200);
    expect((await t.call("server.time")).status).toBe(200);
  });

  it("has no rate limit on a box portal or with limits off", async () => {
    for (const t of [makeTestPortal({ kind: "box" }), makeTestPortal({ limits: false })]) {
      for (let i = 0; i < 120; i++) expect((await t.call("server.time")).status).toBe(200);
    }
  });

  it("runs faster with a time scale", async () => {
    const t = makeTestPortal({ limits: { timeScale: 10, rate: { threshold: 2 } } });
    await t.call("server.time");
    await t.call("server.time");
    expect((await t.call("server.time")).status).toBe(503);
    t.clock.advance(50);
    expect((await t.call("server.time")).status).toBe(200);
  });
});

describe("operating limit over HTTP", () => {
  it("lets the crossing call complete, then answers 429 until the window releases", async () => {
    // crm.fake.list costs 2 simulated seconds; limit 5 s: calls 1-3 run (6 s), call 4 is refused.
    const t = makeTestPortal({ limits: { rate: false, operating: { limitSeconds: 5 } } });
    const times: unknown[] = [];
    for (let i = 0; i < 3; i++) {
      const { status, body } = await t.call("crm.fake.list");
      expect(status).toBe(200);
      times.push((body.time as Record<string, unknown>).operating);
    }
    expect(times).toEqual([2, 4, 6]);
    const resetAt = ((await t.call("crm.fake.get", { id: 1 })).body.time as Record<string, number>)
      .operating_reset_at;
    const refused = await t.call("crm.fake.list");
    expect({ status: refused.status, body: refused.body }).toEqual({
      status: 429,
      body: {
        error: "OPERATION_TIME_LIMIT",
        error_description: "Method is blocked due to operation time limit",
      },
    });
    // Other methods and other callers keep working.
    expect((await t.call("crm.fake.get", { id: 1 })).status).toBe(200);
    expect((await t.call("crm.fake.list", { auth: t.tokens.accessToken }, "/rest/")).status).toBe(
      200,
    );
    expect(resetAt).toBe(t.clock.now() / 1000 + 600);
    t.clock.advance(600_000);
    expect((await t.call("crm.fake.list")).status).toBe(200);
    expect(t.runtime.stats.snapshot().operatingRejections).toBe(1);
  });

  it("blocks a method for every caller when counted per portal", async () => {
    const t = makeTestPortal({
      limits: { rate: false, operating: { limitSeconds: 1, per: "portal" } },
    });
    await t.call("crm.fake.list");
    expect((await t.call("crm.fake.list", { auth: t.tokens.accessToken }, "/rest/")).status).toBe(
      429,
    );
  });
});
