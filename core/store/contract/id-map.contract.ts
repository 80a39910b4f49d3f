/** Contract of `IdMapRepository`: put, lookups, counts and deletes. */
import { describe, expect, it } from "vitest";
import type { IdMapEntryInput } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

export const entry = (
  sourceId: string,
  targetId: string,
  extra: Partial<IdMapEntryInput> = {},
) => ({
  migrationId: "m1",
  entity: "deals",
  sourceId,
  targetId,
  ...extra,
});

export function idMapContract({ stores, clock }: ContractContext): void {
  describe("idMap", () => {
    it("put stores an entry with a seq and createdAt; get returns it", async () => {
      const { idMap } = stores();
      const stored = await idMap.put(entry("s1", "t1", { runId: "pilot" }));
      expect(stored).toEqual({
        ...entry("s1", "t1", { runId: "pilot" }),
        seq: stored.seq,
        createdAt: clock.now(),
      });
      expect(stored.seq).toBeGreaterThanOrEqual(1);
      expect(await idMap.get("m1", "deals", "s1")).toEqual(stored);
      const plain = await idMap.put(entry("s2", "t2"));
      expect(plain).not.toHaveProperty("runId");
      expect(plain.seq).toBeGreaterThan(stored.seq);
    });

    it("put of the same mapping again is idempotent", async () => {
      const { idMap } = stores();
      const first = await idMap.put(entry("s1", "t1"));
      clock.advance();
      expect(await idMap.put(entry("s1", "t1"))).toEqual(first);
      expect(await idMap.count("m1")).toBe(1);
    });

    it("put of another target for a mapped source is a conflict and keeps the first", async () => {
      const { idMap } = stores();
      const first = await idMap.put(entry("s1", "t1"));
      const error = await expectError(idMap.put(entry("s1", "t2")), "conflict");
      expect(error.details).toMatchObject({
        sourceId: "s1",
        targetId: "t2",
        existingTargetId: "t1",
      });
      expect(await idMap.get("m1", "deals", "s1")).toEqual(first);
    });

    it("concurrent puts of one source: same target all succeed, different targets conflict", async () => {
      const { idMap } = stores();
      const same = await Promise.all(Array.from({ length: 5 }, () => idMap.put(entry("s1", "t1"))));
      expect(new Set(same.map((e) => e.seq)).size).toBe(1);
      const racing = await Promise.allSettled(
        ["a", "b", "c", "d"].map((t) => idMap.put(entry("s2", t))),
      );
      expect(racing.filter((r) => r.status === "fulfilled")).toHaveLength(1);
      expect(await idMap.count("m1")).toBe(2);
    });

    it("the same source id in another entity or migration is another key", async () => {
      const { idMap } = stores();
      await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s1", "t2", { entity: "leads" }));
      await idMap.put(entry("s1", "t3", { migrationId: "m2" }));
      expect((await idMap.get("m1", "leads", "s1"))?.targetId).toBe("t2");
      expect((await idMap.get("m2", "deals", "s1"))?.targetId).toBe("t3");
      expect(await idMap.get("m3", "deals", "s1")).toBeNull();
    });

    it("getMany maps only the known source ids", async () => {
      const { idMap } = stores();
      await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s2", "t2"));
      await idMap.put(entry("s3", "t3", { entity: "leads" }));
      const found = await idMap.getMany("m1", "deals", ["s1", "s2", "s3", "s1", "missing"]);
      expect(found).toEqual(
        new Map([
          ["s1", "t1"],
          ["s2", "t2"],
        ]),
      );
      expect(await idMap.getMany("m1", "deals", [])).toEqual(new Map());
    });

    it("count counts per migration and per entity", async () => {
      const { idMap } = stores();
      await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s2", "t2"));
      await idMap.put(entry("s1", "t1", { entity: "leads" }));
      await idMap.put(entry("s1", "t1", { migrationId: "m2" }));
      expect(await idMap.count("m1")).toBe(3);
      expect(await idMap.count("m1", "deals")).toBe(2);
      expect(await idMap.count("m1", "tasks")).toBe(0);
      expect(await idMap.count("m3")).toBe(0);
    });

    it("delete removes one entry once", async () => {
      const { idMap } = stores();
      await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s2", "t2"));
      expect(await idMap.delete("m1", "deals", "s1")).toBe(true);
      expect(await idMap.delete("m1", "deals", "s1")).toBe(false);
      expect(await idMap.get("m1", "deals", "s1")).toBeNull();
      expect(await idMap.count("m1")).toBe(1);
      expect((await idMap.put(entry("s1", "t9"))).targetId).toBe("t9");
    });

    it("deleteByMigration removes one migration's entries; seq keeps growing", async () => {
      const { idMap } = stores();
      const before = await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s2", "t2", { entity: "leads" }));
      await idMap.put(entry("s1", "t1", { migrationId: "m2" }));
      expect(await idMap.deleteByMigration("m1")).toBe(2);
      expect(await idMap.count("m1")).toBe(0);
      expect(await idMap.count("m2")).toBe(1);
      expect((await idMap.put(entry("s1", "t1"))).seq).toBeGreaterThan(before.seq);
      expect(await idMap.deleteByMigration("none")).toBe(0);
    });

    it("returns copies", async () => {
      const { idMap } = stores();
      const stored = await idMap.put(entry("s1", "t1"));
      stored.targetId = "changed";
      stored.createdAt.setTime(0);
      const read = await idMap.get("m1", "deals", "s1");
      if (read) read.targetId = "changed";
      const [listed] = await idMap.list("m1", { limit: 1 });
      if (listed) listed.targetId = "changed";
      expect(await idMap.get("m1", "deals", "s1")).toMatchObject({
        targetId: "t1",
        createdAt: clock.now(),
      });
    });
  });
}
