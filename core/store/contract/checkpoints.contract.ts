/** Contract of `CheckpointRepository`. */
import { describe, expect, it } from "vitest";
import type { CheckpointInput } from "../ports/index.js";
import type { ContractContext } from "./context.js";

const progress = (migrationId: string, entity: string, extra: Partial<CheckpointInput> = {}) => ({
  migrationId,
  entity,
  cursor: "page:2",
  read: 100,
  written: 97,
  failed: 2,
  skipped: 1,
  total: 1000,
  done: false,
  ...extra,
});

export function checkpointsContract({ stores, clock }: ContractContext): void {
  describe("checkpoints", () => {
    it("get is null before the first save; save returns the checkpoint in the default phase", async () => {
      const { checkpoints } = stores();
      expect(await checkpoints.get("m1", "deals")).toBeNull();
      const saved = await checkpoints.save(progress("m1", "deals"));
      expect(saved).toEqual({ ...progress("m1", "deals"), phase: "copy", updatedAt: clock.now() });
      expect(await checkpoints.get("m1", "deals")).toEqual(saved);
      expect(await checkpoints.get("m1", "deals", "copy")).toEqual(saved);
    });

    it("save replaces the cursor and every counter", async () => {
      const { checkpoints } = stores();
      await checkpoints.save(progress("m1", "deals"));
      const later = clock.advance();
      const next = progress("m1", "deals", {
        cursor: null,
        read: 0,
        written: 0,
        failed: 0,
        skipped: 0,
        total: null,
        done: true,
      });
      const saved = await checkpoints.save(next);
      expect(saved).toEqual({ ...next, phase: "copy", updatedAt: later });
      expect(await checkpoints.get("m1", "deals")).toEqual(saved);
    });

    it("phases of one entity are separate checkpoints", async () => {
      const { checkpoints } = stores();
      await checkpoints.save(progress("m1", "deals"));
      const links = await checkpoints.save(progress("m1", "deals", { phase: "links", read: 5 }));
      expect(await checkpoints.get("m1", "deals", "links")).toEqual(links);
      expect((await checkpoints.get("m1", "deals"))?.read).toBe(100);
    });

    it("listByMigration orders by entity then phase, and only that migration", async () => {
      const { checkpoints } = stores();
      await checkpoints.save(progress("m1", "deals", { phase: "links" }));
      await checkpoints.save(progress("m1", "companies"));
      await checkpoints.save(progress("m2", "contacts"));
      await checkpoints.save(progress("m1", "deals"));
      const listed = await checkpoints.listByMigration("m1");
      expect(listed.map((c) => [c.entity, c.phase])).toEqual([
        ["companies", "copy"],
        ["deals", "copy"],
        ["deals", "links"],
      ]);
      expect(await checkpoints.listByMigration("none")).toEqual([]);
    });

    it("deleteByMigration removes that migration's checkpoints only", async () => {
      const { checkpoints } = stores();
      await checkpoints.save(progress("m1", "deals"));
      await checkpoints.save(progress("m1", "leads"));
      await checkpoints.save(progress("m2", "deals"));
      expect(await checkpoints.deleteByMigration("m1")).toBe(2);
      expect(await checkpoints.listByMigration("m1")).toEqual([]);
      expect(await checkpoints.get("m2", "deals")).not.toBeNull();
      expect(await checkpoints.deleteByMigration("m1")).toBe(0);
    });

    it("returns copies", async () => {
      const { checkpoints } = stores();
      const saved = await checkpoints.save(progress("m1", "deals"));
      saved.read = -1;
      expect((await checkpoints.get("m1", "deals"))?.read).toBe(100);
    });
  });
}
