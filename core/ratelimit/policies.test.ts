import { describe, expect, it } from "vitest";
import { BURST_FACTOR, RATE_FACTOR, policies, scalePolicy } from "./policies.js";

describe("policies", () => {
  it("run below the documented limits but use at least 90 % of the rate", () => {
    const all = [
      policies.bitrix24Cloud,
      policies.bitrix24Enterprise,
      policies.bitrix24Box(),
      policies.amocrm,
      policies.jira,
      policies.gsheets,
    ];
    for (const p of all) {
      expect(p.ratePerSec).toBeLessThan(p.documented.ratePerSec);
      expect(p.ratePerSec).toBeGreaterThanOrEqual(p.documented.ratePerSec * 0.9);
      expect(p.burst).toBeLessThan(p.documented.burst);
    }
  });

  it("carry the documented Bitrix24 figures", () => {
    expect(policies.bitrix24Cloud).toMatchObject({
      documented: { ratePerSec: 2, burst: 50 },
      ratePerSec: 2 * RATE_FACTOR,
      burst: 50 * BURST_FACTOR,
      operating: {
        limitSec: 480,
        minMarginSec: 5,
        stepMargin: 2,
        windowSec: 600,
        resetSlackSec: 1,
      },
    });
    expect(policies.bitrix24Enterprise).toMatchObject({
      documented: { ratePerSec: 5, burst: 250 },
      burst: 200,
    });
    expect(
      policies.bitrix24Box({ ratePerSec: 50, burst: 100, operatingLimitSec: 420 }),
    ).toMatchObject({
      ratePerSec: 47.5,
      burst: 80,
      operating: { limitSec: 420, minMarginSec: 5, stepMargin: 2 },
    });
  });

  it("never exceed amoCRM's 7 or Google's 60-per-minute in any window", () => {
    const amo = policies.amocrm;
    expect(amo.burst + amo.ratePerSec * 1).toBeLessThanOrEqual(7.5); // ≤ 7 whole requests in 1 s
    const g = policies.gsheets;
    expect(g.burst + g.ratePerSec * 60).toBeLessThanOrEqual(60);
  });

  it("scale time for the sandbox", () => {
    const fast = scalePolicy(policies.bitrix24Cloud, 10);
    expect(fast.ratePerSec).toBeCloseTo(19);
    expect(fast.burst).toBe(40);
    // The budget is service seconds, charged unscaled by the sandbox; only the window shrinks.
    expect(fast.operating).toMatchObject({ limitSec: 480, minMarginSec: 5, windowSec: 60 });
    expect(scalePolicy(policies.amocrm, 1)).toBe(policies.amocrm);
    expect(() => scalePolicy(policies.amocrm, 0)).toThrow(RangeError);
  });
});
