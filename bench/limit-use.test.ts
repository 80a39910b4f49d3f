import { describe, expect, it } from "vitest";
import { emptyStats, type PortalStats } from "../sandbox/bitrix24/index.js";
import { leastOperatingSeconds, limitUse } from "./limit-use.js";

const use = (operatingSeconds: number, firstMs: number, lastMs: number) => ({
  executions: 1,
  operatingSeconds,
  firstMs,
  lastMs,
});

/** Target stats at ×20: companies over 0–30 s real (600 service s), contacts over 30–60 s. */
function stats(): PortalStats {
  return {
    ...emptyStats(),
    timeScale: 20,
    methods: {
      "crm.company.add": { ...use(960, 0, 30_000), byEntityType: {} },
      "crm.contact.add": { ...use(480, 30_000, 60_000), byEntityType: {} },
      "crm.item.add": {
        ...use(360, 45_000, 60_000),
        byEntityType: { "3": use(360, 45_000, 60_000) },
      },
      "crm.company.userfield.add": { ...use(5, 0, 0), byEntityType: {} },
      "crm.category.add": { ...use(1, 0, 0), byEntityType: { "2": use(1, 0, 0) } },
    },
    // 600 requests in the companies' span (2 per 100 ms), then 1,080 in the contacts'.
    admittedAtMs: [
      ...Array.from({ length: 600 }, (_, i) => Math.floor(i / 2) * 100),
      ...Array.from({ length: 1_080 }, (_, i) => 30_001 + Math.floor((i * 29_999) / 1_080)),
    ],
  };
}

describe("limitUse", () => {
  it("bounds each entity by its write methods' combined budget and weights entities by span", () => {
    const figures = limitUse(stats(), {
      ratePerSecond: 2,
      operating: { limitSeconds: 480, windowSeconds: 600 },
    });
    expect(figures.entities.map((e) => e.entity)).toEqual(["company", "contact"]);
    const [company, contact] = figures.entities;
    // 960 / (480 × (1 + 600/600)); 600 requests / (2/s × 600 s).
    expect(company).toMatchObject({ spanSeconds: 600, requests: 600 });
    expect(company!.operatingShare).toBeCloseTo(1, 10);
    expect(company!.rateShare).toBeCloseTo(0.5, 10);
    // (480 + 360) / (480 × 2 + 480 × 1.5); 1,080 requests / (2/s × 600 s).
    expect(contact!.methods.map((m) => m.method)).toEqual(["crm.contact.add", "crm.item.add"]);
    expect(contact!.operatingShare).toBeCloseTo(0.5, 10);
    expect(contact!.rateShare).toBeCloseTo(0.9, 10);
    expect(figures.operatingShare).toBeCloseTo(0.75, 10);
    // Companies: 960 s on one method: one window (600 s), then 960 − 484.8 = 475.2 s at 2 req/s of
    // 1.6 s each (960 s / 600 requests) = 148.5 s. The fixture squeezes that into 600 s, more
    // than any client could, which the share over 100 % shows.
    expect(company!.operatingTimeShare).toBeCloseTo(748.5 / 600, 10);
    // Contacts: 840 s on two methods fits one window: no wait forced, the rate share (90 %) binds.
    expect(contact!.operatingTimeShare).toBe(0);
    expect(figures.boundShare).toBeCloseTo((748.5 / 600 + 0.9) / 2, 10);
  });

  it("counts the least time a sliding window forces, whole windows only", () => {
    const limit = { limitSeconds: 480, windowSeconds: 600 };
    expect(leastOperatingSeconds(480, 1, limit)).toBe(0);
    expect(leastOperatingSeconds(1_500, 1, limit)).toBe(1_800);
    expect(leastOperatingSeconds(1_500, 2, limit)).toBe(600);
    // The crossing call: 484 s still fits one window.
    expect(leastOperatingSeconds(484, 1, limit)).toBe(0);
    // After one window, the 1,500 − 3 × 484.8 = 45.6 s left go at 2 req/s of 2.5 s each: 9.12 s.
    const tail = { ratePerSecond: 2, operatingPerRequest: 2.5 };
    expect(leastOperatingSeconds(1_500, 1, limit, tail)).toBeCloseTo(1_809.12, 6);
  });

  it("has no operating share with that limit off, and the rate share bounds alone", () => {
    const figures = limitUse(stats(), { ratePerSecond: 2, operating: null });
    expect(figures.operatingShare).toBeNull();
    expect(figures.entities[0]!.operatingShare).toBeNull();
    expect(figures.boundShare).toBeCloseTo((0.5 + 0.9) / 2, 10);
  });
});
