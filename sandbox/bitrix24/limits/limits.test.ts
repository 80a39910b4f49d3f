import { describe, expect, it } from "vitest";
import { createFakeClock } from "../clock.js";
import { LeakyBucket } from "./leaky-bucket.js";
import { resolveLimits } from "./limits-config.js";
import { OperatingBudget } from "./operating-budget.js";

const operating = {
  limitSeconds: 480,
  windowSeconds: 600,
  bucketSeconds: 60,
  defaultCost: 1,
  per: "caller" as const,
};

describe("LeakyBucket", () => {
  it("admits the burst, refuses the next, and admits again as it drains", () => {
    const clock = createFakeClock();
    const bucket = new LeakyBucket({ drainPerSecond: 2, threshold: 50 }, clock);
    for (let i = 0; i < 50; i++) expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(499);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(1);
    expect(bucket.tryTake()).toBe(true);
    expect(bucket.tryTake()).toBe(false);
    clock.advance(25_000);
    expect(bucket.current()).toBe(0);
  });

  it("drains time-scaled: ×10 needs a tenth of the wait", () => {
    const clock = createFakeClock();
    const bucket = new LeakyBucket({ drainPerSecond: 2, threshold: 3 }, clock, 10);
    for (let i = 0; i < 3; i++) bucket.tryTake();
    expect(bucket.tryTake()).toBe(false);
    clock.advance(50);
    expect(bucket.tryTake()).toBe(true);
  });

  it("lets a client at the drain rate run forever", () => {
    const clock = createFakeClock();
    const bucket = new LeakyBucket({ drainPerSecond: 2, threshold: 50 }, clock);
    for (let i = 0; i < 1000; i++) {
      expect(bucket.tryTake()).toBe(true);
      clock.advance(500);
    }
  });
});

describe("OperatingBudget", () => {
  it("blocks after the limit is exceeded, letting the crossing call complete", () => {
    const clock = createFakeClock();
    const budget = new OperatingBudget({ ...operating, limitSeconds: 10 }, clock);
    expect(budget.status("k")).toEqual({ used: 0, resetAt: undefined, blocked: false });
    budget.record("k", 6);
    expect(budget.status("k").blocked).toBe(false);
    const after = budget.record("k", 6);
    expect(after).toMatchObject({ used: 12, blocked: true });
    expect(after.resetAt).toBe(Math.ceil((clock.now() + 600_000) / 1000));
    expect(budget.status("other").blocked).toBe(false);
  });

  it("reports the reset time unrounded when time runs scaled (a real second is many service seconds)", () => {
    const clock = createFakeClock();
    clock.set(1_700_000_000_250);
    const scaled = new OperatingBudget({ ...operating, limitSeconds: 10 }, clock, 20);
    expect(scaled.record("k", 4).resetAt).toBe((1_700_000_000_250 + 30_000) / 1000);
    const real = new OperatingBudget({ ...operating, limitSeconds: 10 }, clock);
    expect(real.record("k", 4).resetAt).toBe(Math.ceil((1_700_000_000_250 + 600_000) / 1000));
  });

  it("releases each one-minute bucket ten minutes after its first call", () => {
    const clock = createFakeClock();
    const budget = new OperatingBudget({ ...operating, limitSeconds: 10 }, clock);
    const t0 = clock.now();
    budget.record("k", 4);
    clock.advance(30_000);
    budget.record("k", 4); // same bucket as t0
    clock.advance(60_000);
    budget.record("k", 4); // new bucket at t0 + 90 s
    expect(budget.status("k")).toMatchObject({
      used: 12,
      blocked: true,
      resetAt: (t0 + 600_000) / 1000,
    });
    clock.set(t0 + 600_000);
    expect(budget.status("k")).toMatchObject({
      used: 4,
      blocked: false,
      resetAt: (t0 + 690_000) / 1000,
    });
    clock.set(t0 + 690_000);
    expect(budget.status("k")).toEqual({ used: 0, resetAt: undefined, blocked: false });
  });

  it("runs the window time-scaled", () => {
    const clock = createFakeClock();
    const budget = new OperatingBudget({ ...operating, limitSeconds: 1 }, clock, 10);
    budget.record("k", 2);
    expect(budget.status("k").blocked).toBe(true);
    clock.advance(60_000);
    expect(budget.status("k").blocked).toBe(false);
  });
});

describe("resolveLimits", () => {
  it("uses the documented defaults per plan and kind", () => {
    expect(resolveLimits({ kind: "cloud", plan: "standard" }, undefined)).toMatchObject({
      rate: { drainPerSecond: 2, threshold: 50 },
      operating: { limitSeconds: 480, windowSeconds: 600 },
    });
    expect(resolveLimits({ kind: "cloud", plan: "enterprise" }, undefined).rate).toEqual({
      drainPerSecond: 5,
      threshold: 250,
    });
    expect(resolveLimits({ kind: "box", plan: "standard" }, undefined)).toMatchObject({
      rate: null,
      operating: null,
    });
  });

  it("enables the box operating limit at 420 s when asked", () => {
    expect(
      resolveLimits({ kind: "box", plan: "standard" }, { operating: {} }).operating?.limitSeconds,
    ).toBe(420);
  });

  it("switches limits off and overrides fields", () => {
    expect(resolveLimits({ kind: "cloud", plan: "standard" }, false)).toMatchObject({
      rate: null,
      operating: null,
    });
    const custom = resolveLimits(
      { kind: "cloud", plan: "standard" },
      { rate: { threshold: 5 }, operating: false },
    );
    expect(custom).toEqual({
      rate: { drainPerSecond: 2, threshold: 5 },
      operating: null,
      timeScale: 1,
    });
    expect(() => resolveLimits({ kind: "cloud", plan: "standard" }, { timeScale: 0 })).toThrow(
      RangeError,
    );
  });
});
