import { describe, expect, it } from "vitest";
import { operatingBlockUntil, operatingMarginSec, trackUsage } from "./operating.js";
import { policies } from "./policies.js";

const cloud = policies.bitrix24Cloud.operating!;
const nowMs = 1_000_000_000_000;
const resetAt = nowMs / 1000 + 120;

describe("operating margin", () => {
  it.each([
    // largest step seen, margin kept below 480 s
    [0, 5],
    [1, 5],
    [2.5, 5],
    [4, 8],
    [20, 40],
    [60, 120],
    [Number.NaN, 5],
  ])("largest step %s s → margin %s s", (step, margin) => {
    expect(operatingMarginSec(cloud, step)).toBe(margin);
  });

  it.each([
    // usage, largest step, blocked
    [474.9, 0, false],
    [475, 0, true],
    [472.5, 2.5, false],
    [475, 2.5, true],
    [439.9, 20, false],
    [440, 20, true],
    [Number.NaN, 0, false],
  ])("usage %s s with steps of %s s → blocked: %s", (operating, step, blocked) => {
    const until = operatingBlockUntil(cloud, { operating, operatingResetAt: resetAt }, nowMs, step);
    expect(until).toBe(blocked ? resetAt * 1000 + 1_000 : null);
  });

  it("does not block without an operating policy", () => {
    const usage = { operating: 1e6, operatingResetAt: resetAt };
    expect(operatingBlockUntil(undefined, usage, nowMs)).toBeNull();
  });

  it.each([
    // readings, then { last, largestStep }
    [[100], { last: 100, largestStep: 0 }],
    [[100, 102.5, 105], { last: 105, largestStep: 2.5 }],
    [[100, 130, 131], { last: 131, largestStep: 30 }],
    [[300, 330, 200], { last: 200, largestStep: 30 }],
    [[300, 200, 210], { last: 210, largestStep: 10 }],
    [[300, Number.NaN], { last: 300, largestStep: 0 }],
  ])("readings %j → %j", (readings, expected) => {
    let track;
    for (const reading of readings) track = trackUsage(track, reading);
    expect(track).toEqual(expected);
  });
});
