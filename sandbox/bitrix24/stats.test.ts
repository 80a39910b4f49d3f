import { describe, expect, it } from "vitest";
import { makeTestPortal } from "./test-kit.js";

describe("per-method use in the stats", () => {
  it("sums operating seconds per method and keeps its first and last run, refusals aside", async () => {
    // crm.fake.list costs 2 simulated seconds, crm.fake.add the default 0.02; limit 5 s.
    const t = makeTestPortal({
      limits: { timeScale: 10, rate: false, operating: { limitSeconds: 5 } },
    });
    const t0 = t.clock.now();
    expect((await t.call("crm.fake.list")).status).toBe(200);
    t.clock.advance(1_000);
    expect((await t.call("crm.fake.add", { fields: { TITLE: "a" } })).status).toBe(200);
    t.clock.advance(1_000);
    await t.call("crm.fake.list");
    await t.call("crm.fake.list"); // 6 s: crosses the limit, still runs
    t.clock.advance(500);
    expect((await t.call("crm.fake.list")).status).toBe(429);
    const stats = t.runtime.stats.snapshot();
    expect(stats.timeScale).toBe(10);
    expect(stats.operatingRejections).toBe(1);
    expect(stats.methods["crm.fake.list"]).toEqual({
      executions: 3,
      operatingSeconds: 6,
      firstMs: t0,
      lastMs: t0 + 2_000,
      byEntityType: {},
    });
    expect(stats.methods["crm.fake.add"]).toMatchObject({
      executions: 1,
      operatingSeconds: 0.02,
      firstMs: t0 + 1_000,
      lastMs: t0 + 1_000,
    });
    expect(stats.byMethod).toEqual({ "crm.fake.list": 3, "crm.fake.add": 1 });
  });

  it("charges each batch command to its own method, split by entityTypeId, the batch itself to none", async () => {
    const t = makeTestPortal({ limits: { rate: false, operating: {} } });
    const t0 = t.clock.now();
    await t.call("batch", {
      cmd: {
        a: "crm.fake.add?entityTypeId=3&fields[TITLE]=x",
        b: "crm.fake.add?entityTypeId=3&fields[TITLE]=y",
        c: "crm.fake.add?entityTypeId=4&fields[TITLE]=z",
        d: "crm.fake.list?start=-1",
      },
    });
    t.clock.advance(2_000);
    await t.call("crm.fake.add", { entityTypeId: 4, fields: { TITLE: "w" } });
    const { methods } = t.runtime.stats.snapshot();
    expect(Object.keys(methods).sort()).toEqual(["crm.fake.add", "crm.fake.list"]);
    const add = methods["crm.fake.add"]!;
    expect(add).toMatchObject({ executions: 4, firstMs: t0, lastMs: t0 + 2_000 });
    expect(add.operatingSeconds).toBeCloseTo(0.08, 10);
    expect(add.byEntityType["3"]).toMatchObject({ executions: 2, lastMs: t0 });
    expect(add.byEntityType["4"]).toMatchObject({
      executions: 2,
      firstMs: t0,
      lastMs: t0 + 2_000,
    });
    expect(add.byEntityType["4"]!.operatingSeconds).toBeCloseTo(0.04, 10);
  });

  it("records when each request passed the rate limit, not the refused ones", async () => {
    const t = makeTestPortal({ limits: { rate: { threshold: 2 }, operating: false } });
    const t0 = t.clock.now();
    await t.call("crm.fake.get", { id: 1 });
    t.clock.advance(100);
    await t.call("crm.fake.get", { id: 1 });
    expect((await t.call("crm.fake.get", { id: 1 })).status).toBe(503);
    t.clock.advance(500);
    await t.call("crm.fake.get", { id: 1 });
    const stats = t.runtime.stats.snapshot();
    expect(stats.httpRequests).toBe(4);
    expect(stats.admittedAtMs).toEqual([t0, t0 + 100, t0 + 600]);
    // No operating limit: runs are still timed, nothing is charged.
    expect(stats.methods["crm.fake.get"]).toMatchObject({
      executions: 3,
      operatingSeconds: 0,
      firstMs: t0,
      lastMs: t0 + 600,
    });
    t.runtime.stats.reset();
    expect(t.runtime.stats.snapshot()).toMatchObject({ methods: {}, admittedAtMs: [] });
  });
});
