import { afterEach, describe, expect, it } from "vitest";
import type { TargetRecord } from "../../model/canonical.js";
import { createMemoryLimiter } from "../../ratelimit/memory-limiter.js";
import {
  scaledCloudPolicy,
  seedRecords,
  startHarness,
  storedRecords,
  type Harness,
} from "./__fixtures__/sandbox-harness.js";

const companies = (n: number, prefix = "c"): TargetRecord[] =>
  Array.from({ length: n }, (_, i) => ({
    sourceId: `${prefix}${i + 1}`,
    fields: { TITLE: `Company ${i + 1}` },
  }));

describe("Bitrix24 connector under limits and faults", () => {
  let h: Harness | undefined;
  afterEach(() => h?.close());

  it("503 QUERY_LIMIT_EXCEEDED when another client shares the portal: both slow down, nothing fails", async () => {
    // Two workers with their own limiters (burst 40 each) against one bucket of 50 draining 10/s.
    h = await startHarness({}, 5);
    const other = createMemoryLimiter({ policy: scaledCloudPolicy(5) });
    const ours = h.connect();
    const theirs = h.connect({ deps: { limiter: other } });
    const started = Date.now();
    const checks = await Promise.all(
      Array.from({ length: 80 }, (_, i) => (i % 2 === 0 ? ours : theirs).check()),
    );
    expect(checks.every((c) => c.user.id === "1")).toBe(true);
    const stats = h.sandbox.stats();
    expect(stats.queryLimitRejections).toBeGreaterThan(0);
    expect(stats.httpRequests).toBe(80 + stats.queryLimitRejections);
    // At most 50 beyond what the bucket drained at 10 requests per second.
    expect(80 - 50).toBeLessThanOrEqual(((Date.now() - started) / 1000) * 10 + 1);
    const waited = (await h.limiter.stats(h.host)).waitedMs + (await other.stats(h.host)).waitedMs;
    expect(waited).toBeGreaterThan(0);
  });

  it("429 OPERATION_TIME_LIMIT inside a batch: the method waits for its reset, every record lands once", async () => {
    // 150 adds cost 7.5 s of simulated operating time against a 4 s budget (window 1 s real).
    h = await startHarness({ limits: { operating: { limitSeconds: 4 } } }, 600);
    const connector = h.connect();
    const outcomes = await connector.write("companies", companies(150), { tag: "pereezd:op" });
    expect(outcomes.every((o) => o.ok && o.created)).toBe(true);
    expect(h.sandbox.stats().operatingRejections).toBeGreaterThan(0);
    const origins = storedRecords(h.portal, "companies").map((r) => r.origin?.sourceId);
    expect(origins).toHaveLength(150);
    expect(new Set(origins).size).toBe(150);
  }, 30_000);

  it("near crm.company.add's operating limit, writes go on through crm.item.add: no 429, found by origin", async () => {
    // 20 batches cost 50 s of simulated time against 20 s per method (window 1 s real).
    h = await startHarness({ limits: { operating: { limitSeconds: 20 } } }, 600);
    const policy = scaledCloudPolicy(600);
    const limiter = createMemoryLimiter({
      policy: { ...policy, operating: { ...policy.operating!, limitSec: 20 } },
    });
    const connector = h.connect({ deps: { limiter } });
    const outcomes = await connector.write("companies", companies(1_000), { tag: "pereezd:op" });
    expect(outcomes.every((o) => o.ok && o.created)).toBe(true);
    const stats = h.sandbox.stats();
    expect(stats.operatingRejections).toBe(0);
    expect(stats.byMethod["crm.company.add"]).toBeGreaterThan(0);
    expect(stats.byMethod["crm.item.add"]).toBeGreaterThan(0);
    expect(stats.byMethod["crm.company.add"]! + stats.byMethod["crm.item.add"]!).toBe(1_000);
    const ids = companies(1_000).map((c) => c.sourceId);
    const found = await connector.findByOrigin("companies", ids, { tag: "pereezd:op" });
    expect(ids.map((id) => found.get(id))).toEqual(outcomes.map((o) => (o.ok ? o.targetId : "")));
  }, 30_000);

  it("5 % faults (500, HTML 503, dropped connections, slow answers): everything completes, no duplicate", async () => {
    h = await startHarness({ faults: { rate: 0.05, slowMs: 20 }, seed: 11 });
    const connector = h.connect();
    const tag = "pereezd:faults";
    const written = await connector.write("companies", companies(2_500), { tag });
    expect(written.filter((o) => !o.ok)).toEqual([]);
    expect(written.filter((o) => o.ok && !o.created)).toEqual([]);
    const stored = storedRecords(h.portal, "companies");
    const sourceIds = stored.map((r) => r.origin?.sourceId);
    expect(new Set(sourceIds).size).toBe(2_500);
    expect(stored).toHaveLength(2_500);
    expect(new Set(written.map((o) => (o.ok ? o.targetId : ""))).size).toBe(2_500);

    const ids: string[] = [];
    for await (const page of connector.read("companies", { cursor: null }))
      ids.push(...page.records.map((r) => r.id));
    expect(ids).toEqual(stored.map((r) => r.id));
    const found = await connector.findByOrigin(
      "companies",
      companies(2_500).map((r) => r.sourceId),
      { tag },
    );
    expect(found.size).toBe(2_500);
    const removed = await connector.remove("companies", ids.slice(0, 100));
    expect(removed.every((r) => r.ok)).toBe(true);

    const faults = h.sandbox.stats().faults;
    expect(faults["500"] + faults["503"] + faults.drop + faults.slow).toBeGreaterThan(0);
  }, 60_000);

  it("connections dropped after the portal created the records: found by origin, never sent twice", async () => {
    h = await startHarness({ faults: { rate: 0.2, kinds: ["drop"] }, seed: 3 });
    const connector = h.connect();
    const written = await connector.write("companies", companies(1_000), { tag: "pereezd:drop" });
    expect(written.every((o) => o.ok)).toBe(true);
    const stats = h.sandbox.stats();
    expect(stats.faults.drop).toBeGreaterThan(0);
    // Every add ran exactly once although whole batches lost their answers.
    expect(stats.byMethod["crm.company.add"]).toBe(1_000);
    expect(storedRecords(h.portal, "companies")).toHaveLength(1_000);
  }, 30_000);

  it("findByOrigin() picks the oldest of duplicates and follows up a full page", async () => {
    h = await startHarness();
    const dupes = Array.from({ length: 60 }, () => ({
      fields: { TITLE: "Dup", ORIGINATOR_ID: "t", ORIGIN_ID: "s1" },
    }));
    const [first] = seedRecords(h.portal, "companies", dupes);
    seedRecords(h.portal, "companies", [
      { fields: { TITLE: "Other", ORIGINATOR_ID: "t", ORIGIN_ID: "s2" } },
    ]);
    const found = await h.connect().findByOrigin("companies", ["s1", "s2"], { tag: "t" });
    expect(found.get("s1")).toBe(first);
    expect(found.has("s2")).toBe(true);
  });
});
