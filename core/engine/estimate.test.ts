import { describe, expect, it } from "vitest";
import type { CostModel } from "../connectors/connector.js";
import { createMemoryConnector } from "../connectors/memory/index.js";
import { discover } from "./discover.js";
import { estimate } from "./estimate.js";
import { createWorld } from "./test-kit.js";

const bitrix24: CostModel = {
  readRecordsPerRequest: 2500,
  writeRecordsPerRequest: 50,
  requestsPerSecond: 2,
  burst: 50,
};
const amocrm: CostModel = {
  readRecordsPerRequest: 250,
  writeRecordsPerRequest: 250,
  requestsPerSecond: 7,
  burst: 7,
};

describe("estimate", () => {
  it("computes requests, duration at the slower side's rate and the quota share for known counts", () => {
    const result = estimate({
      counts: { deals: 3000, companies: 5000, contacts: 12000 },
      source: bitrix24,
      target: bitrix24,
    });
    expect(result.perEntity).toEqual({
      companies: { records: 5000, readRequests: 2, writeRequests: 100 },
      contacts: { records: 12000, readRequests: 5, writeRequests: 240 },
      deals: { records: 3000, readRequests: 2, writeRequests: 60 },
    });
    expect(result.setupRequests).toBe(9);
    expect(result.totalRequests).toBe(9 + 400 + 9);
    // Target: 400 writes + 3 describes at 2/s × 95 % = 212.1 s.
    expect(result.durationSeconds).toBe(213);
    expect(result.quotaShare).toBeCloseTo(418 / 1_000_000, 12);
  });

  it("lets the slower side win and counts custom fields to create", async () => {
    const world = await createWorld();
    const result = estimate({
      counts: { companies: 100_000 },
      source: bitrix24,
      target: amocrm,
      mapping: world.mapping,
      quota: 10_000,
    });
    expect(result.perEntity.companies).toEqual({
      records: 100_000,
      readRequests: 40,
      writeRequests: 400,
    });
    expect(result.setupRequests).toBe(3 + 1);
    // Source: 42 requests at 1.9/s = 22.1 s; target: 402 at 6.65/s = 60.5 s.
    expect(result.durationSeconds).toBe(61);
    expect(result.quotaShare).toBeCloseTo(444 / 10_000, 12);
  });

  it("costs nothing for empty entities but their setup", () => {
    const result = estimate({ counts: { leads: 0 }, source: bitrix24, target: bitrix24 });
    expect(result).toMatchObject({
      perEntity: { leads: { records: 0, readRequests: 0, writeRequests: 0 } },
      totalRequests: 3,
    });
  });
});

describe("discover", () => {
  it("counts each entity of the source with one request each", async () => {
    const world = await createWorld();
    const before = world.source.stats.requests;
    const found = await discover(world.source);
    expect(found).toEqual({
      entities: ["companies", "contacts", "leads", "deals"],
      counts: { companies: 5, contacts: 6, leads: 3, deals: 6 },
    });
    expect(world.source.stats.requests - before).toBe(4);
  });

  it("names the source in errors", async () => {
    const source = createMemoryConnector();
    source.faults.revokeAuth();
    await expect(
      discover(source, { entities: ["deals"], accountName: "old.bitrix24.test" }),
    ).rejects.toMatchObject({
      kind: "auth",
      details: { side: "source", account: "old.bitrix24.test" },
    });
  });
});
