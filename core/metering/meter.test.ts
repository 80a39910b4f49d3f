import { describe, expect, it } from "vitest";
import { PereezdError } from "../errors.js";
import { createMeter, type MeterDeps } from "./meter.js";
import { createPlanCalendar } from "./plan-calendar.js";
import type { UsageCounters, UsageDelta, UsageKey } from "./usage-port.js";

/** An in-memory stand-in for the store's usage repository, with switchable failures. */
function fakeStore() {
  const rows = new Map<string, UsageCounters>();
  const id = (k: UsageKey) => `${k.customerId}|${k.period}|${k.scope}`;
  let failuresLeft = 0;
  let writes = 0;
  return {
    rows,
    get: (k: UsageKey) => rows.get(id(k)),
    failNext(n: number) {
      failuresLeft = n;
    },
    get writes() {
      return writes;
    },
    usage: {
      async increment(key: UsageKey, delta: UsageDelta) {
        writes++;
        if (failuresLeft > 0) {
          failuresLeft--;
          throw new Error("mongo down");
        }
        const row = rows.get(id(key)) ?? {
          requests: 0,
          commands: 0,
          reads: 0,
          writes: 0,
          setup: 0,
          unmetered: 0,
        };
        for (const [name, value] of Object.entries(delta))
          row[name as keyof UsageCounters] += value;
        rows.set(id(key), row);
      },
      get: async (key: UsageKey) => rows.get(id(key)) ?? null,
    },
  };
}

const at = (iso: string) => Date.parse(iso);
const ctx = { customerId: "c1", migrationId: "m1" };

function setup(over: Partial<MeterDeps> = {}, nowIso = "2026-05-14T10:00:00Z") {
  const store = fakeStore();
  let now = at(nowIso);
  const meter = createMeter({
    usage: store.usage,
    now: () => now,
    calendar: createPlanCalendar([
      { name: "december", from: "2026-12-01", to: "2026-12-31", unmetered: true },
    ]),
    ...over,
  });
  return { store, meter, setNow: (iso: string) => (now = at(iso)) };
}

describe("meter", () => {
  it("counts requests, commands and kinds per customer-year and per migration", async () => {
    const { store, meter } = setup();
    meter.record(ctx, { kind: "read", commands: 50 });
    meter.record(ctx, { kind: "write", commands: 50 });
    const http = meter.forMigration({ customerId: "c1", migrationId: "m2" });
    http.record({ kind: "setup" });
    expect(store.writes).toBe(0); // buffered
    await meter.flush();
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toEqual({
      requests: 3,
      commands: 101,
      reads: 1,
      writes: 1,
      setup: 1,
      unmetered: 0,
    });
    expect(store.get({ customerId: "c1", period: "2026", scope: "migration:m1" })).toMatchObject({
      requests: 2,
      commands: 100,
    });
    expect(store.get({ customerId: "c1", period: "2026", scope: "migration:m2" })).toMatchObject({
      setup: 1,
    });
    await meter.flush();
    expect(store.writes).toBe(3); // nothing pending: nothing written
  });

  it("marks requests inside a promotion window as unmetered, in the operator's time zone", async () => {
    const { store, meter, setNow } = setup();
    setNow("2026-11-30T20:59:59Z"); // 23:59:59 in Moscow: still November
    meter.record(ctx, { kind: "write" });
    setNow("2026-11-30T21:00:00Z"); // 1 December in Moscow
    meter.record(ctx, { kind: "write" });
    setNow("2026-12-31T20:59:59Z"); // last second of the window
    meter.record(ctx, { kind: "write" });
    setNow("2026-12-31T21:00:00Z"); // 1 January 2027 in Moscow: next plan year
    meter.record(ctx, { kind: "write" });
    await meter.flush();
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toMatchObject({
      requests: 3,
      unmetered: 2,
    });
    expect(store.get({ customerId: "c1", period: "2027", scope: "total" })).toMatchObject({
      requests: 1,
      unmetered: 0,
    });
  });

  it("loses no counts when a flush fails: they are written by the next one", async () => {
    const { store, meter } = setup();
    meter.record(ctx, { kind: "read" });
    store.failNext(1);
    const error = await meter.flush().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(PereezdError);
    expect(error).toMatchObject({ kind: "transient", code: "usage_flush_failed" });
    meter.record(ctx, { kind: "read" });
    await meter.flush();
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toMatchObject({
      requests: 2,
      reads: 2,
    });
    expect(store.get({ customerId: "c1", period: "2026", scope: "migration:m1" })).toMatchObject({
      requests: 2,
    });
  });

  it("serialises concurrent flushes", async () => {
    const { store, meter } = setup();
    meter.record(ctx, { kind: "read" });
    const first = meter.flush();
    meter.record(ctx, { kind: "read" });
    await Promise.all([first, meter.flush()]);
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toMatchObject({
      requests: 2,
    });
  });

  it("computes the remaining quota from stored and pending counts, minus unmetered", async () => {
    const { store, meter, setNow } = setup({ quotaPerYear: 10 });
    await store.usage.increment(
      { customerId: "c1", period: "2026", scope: "total" },
      { requests: 6, unmetered: 2 },
    );
    expect(await meter.remaining("c1")).toBe(6);
    meter.record(ctx, { kind: "write" }); // pending, not flushed
    expect(await meter.quota("c1")).toEqual({
      period: "2026",
      quota: 10,
      used: 5,
      unmetered: 2,
      remaining: 5,
    });
    setNow("2026-12-10T10:00:00Z");
    for (let i = 0; i < 20; i++) meter.record(ctx, { kind: "write" }); // December: free
    expect(await meter.remaining("c1")).toBe(5);
    setNow("2026-12-20T10:00:00Z");
    await meter.flush();
    expect(await meter.remaining("other")).toBe(10);
  });

  it("pauses at the quota: remaining never goes below zero; quota may differ per customer", async () => {
    const { meter } = setup({ quotaPerYear: (customerId) => (customerId === "big" ? 100 : 2) });
    for (let i = 0; i < 3; i++) meter.record(ctx, { kind: "read" });
    expect(await meter.remaining("c1")).toBe(0);
    expect(await meter.remaining("big")).toBe(100);
  });

  it("uses 1,000,000 requests a year by default", async () => {
    const { meter } = setup({ quotaPerYear: undefined });
    expect(await meter.remaining("c1")).toBe(1_000_000);
  });

  it("flushes on its timer and on close", async () => {
    const ticks: Array<() => void> = [];
    let stopped = false;
    const { store, meter } = setup({
      flushEveryMs: 5_000,
      every: (_ms, fn) => {
        ticks.push(fn);
        return () => void (stopped = true);
      },
    });
    meter.record(ctx, { kind: "read" });
    ticks[0]!();
    await new Promise((resolve) => setImmediate(resolve));
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toMatchObject({
      requests: 1,
    });
    meter.record(ctx, { kind: "read" });
    await meter.close();
    expect(stopped).toBe(true);
    expect(store.get({ customerId: "c1", period: "2026", scope: "total" })).toMatchObject({
      requests: 2,
    });
  });
});
