/** Contract of `IdMapRepository`: `putMany` and paging by `seq`. */
import { describe, expect, it } from "vitest";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";
import { entry } from "./id-map.contract.js";

export function idMapBatchesContract({ stores }: ContractContext): void {
  describe("idMap batches and paging", () => {
    it("putMany stores new entries and reports repeats and conflicts without throwing", async () => {
      const { idMap } = stores();
      await idMap.put(entry("s1", "t1"));
      await idMap.put(entry("s2", "t2"));
      const result = await idMap.putMany([
        entry("s1", "t1"),
        entry("s2", "other"),
        entry("s3", "t3"),
        entry("s4", "t4"),
        entry("s4", "t4"),
        entry("s5", "t5", { entity: "leads" }),
        entry("s0", "t0"),
      ]);
      expect(result.inserted).toBe(4);
      expect(result.unchanged).toBe(2);
      expect(result.conflicts).toEqual([
        {
          migrationId: "m1",
          entity: "deals",
          sourceId: "s2",
          targetId: "other",
          existingTargetId: "t2",
        },
      ]);
      expect(await idMap.getMany("m1", "deals", ["s0", "s1", "s2", "s3", "s4"])).toEqual(
        new Map([
          ["s0", "t0"],
          ["s1", "t1"],
          ["s2", "t2"],
          ["s3", "t3"],
          ["s4", "t4"],
        ]),
      );
      expect(await idMap.count("m1")).toBe(6);
    });

    it("putMany of nothing does nothing; batches may span migrations", async () => {
      const { idMap } = stores();
      expect(await idMap.putMany([])).toEqual({ inserted: 0, unchanged: 0, conflicts: [] });
      const result = await idMap.putMany([
        entry("s1", "t1"),
        entry("s1", "t1", { migrationId: "m2" }),
      ]);
      expect(result).toEqual({ inserted: 2, unchanged: 0, conflicts: [] });
      expect(await idMap.count("m2")).toBe(1);
    });

    it("putMany assigns seq in batch order", async () => {
      const { idMap } = stores();
      await idMap.putMany([entry("b", "1"), entry("a", "2"), entry("c", "3")]);
      const page = await idMap.list("m1", { limit: 10 });
      expect(page.map((e) => e.sourceId)).toEqual(["b", "a", "c"]);
    });

    it("list pages oldest first by seq with afterSeq, each entry once", async () => {
      const { idMap } = stores();
      const ids = ["s05", "s01", "s04", "s02", "s03"];
      for (const id of ids) await idMap.put(entry(id, `t-${id}`));
      const seen: string[] = [];
      let afterSeq: number | undefined;
      for (;;) {
        const page = await idMap.list("m1", { limit: 2, afterSeq });
        if (page.length === 0) break;
        expect(page.length).toBeLessThanOrEqual(2);
        seen.push(...page.map((e) => e.sourceId));
        afterSeq = page.at(-1)?.seq;
      }
      expect(seen).toEqual(ids);
    });

    it("list desc pages newest first, for rollback", async () => {
      const { idMap } = stores();
      for (const id of ["a", "b", "c", "d"]) await idMap.put(entry(id, "t"));
      const first = await idMap.list("m1", { order: "desc", limit: 3 });
      expect(first.map((e) => e.sourceId)).toEqual(["d", "c", "b"]);
      const rest = await idMap.list("m1", { order: "desc", limit: 3, afterSeq: first.at(-1)?.seq });
      expect(rest.map((e) => e.sourceId)).toEqual(["a"]);
    });

    it("list filters by entity and keeps migrations apart", async () => {
      const { idMap } = stores();
      await idMap.put(entry("c1", "t", { entity: "companies" }));
      await idMap.put(entry("d1", "t"));
      await idMap.put(entry("c2", "t", { entity: "companies" }));
      await idMap.put(entry("x1", "t", { migrationId: "m2" }));
      const companies = await idMap.list("m1", { entity: "companies", limit: 10 });
      expect(companies.map((e) => e.sourceId)).toEqual(["c1", "c2"]);
      const all = await idMap.list("m1", { order: "desc", limit: 10 });
      expect(all.map((e) => e.sourceId)).toEqual(["c2", "d1", "c1"]);
      expect(await idMap.list("m3", { limit: 10 })).toEqual([]);
    });

    it("list needs a positive integer limit", async () => {
      const { idMap } = stores();
      await expectError(idMap.list("m1", { limit: 0 }), "invalid_input");
      await expectError(idMap.list("m1", { limit: 2.5 }), "invalid_input");
    });
  });
}
