/** Contract of `MigrationRepository.transition`: the atomic status compare-and-set. */
import { describe, expect, it } from "vitest";
import type { MigrationStatus } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError, newMigration } from "./context.js";

export function migrationTransitionsContract({ stores, clock }: ContractContext): void {
  describe("migrations.transition", () => {
    it("moves from an allowed status and applies the patch", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      const at = clock.advance();
      const moved = await migrations.transition(created.id, ["draft", "discovered"], "queued", {
        entities: ["deals"],
      });
      expect(moved).toEqual({ ...created, status: "queued", entities: ["deals"], updatedAt: at });
      expect(await migrations.getById(created.id)).toEqual(moved);
    });

    it("returns null and changes nothing when the status is not allowed", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      clock.advance();
      const refused = await migrations.transition(created.id, ["running", "paused"], "completed", {
        finishedAt: clock.now(),
      });
      expect(refused).toBeNull();
      expect(await migrations.getById(created.id)).toEqual(created);
      expect(await migrations.transition(created.id, [], "queued")).toBeNull();
    });

    it("countRun adds one run in the same write; null clears fields", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      const at = clock.now();
      await migrations.update(created.id, {
        lastError: { kind: "rate_limited", message: "quota", at },
      });
      const started = await migrations.transition(created.id, ["draft"], "running", {
        countRun: true,
        startedAt: at,
        lastError: null,
      });
      expect(started).toMatchObject({ status: "running", runs: 1, startedAt: at });
      expect(started).not.toHaveProperty("lastError");
      expect(started).not.toHaveProperty("countRun");
      await migrations.transition(created.id, ["running"], "paused");
      const resumed = await migrations.transition(created.id, ["paused"], "running", {
        countRun: true,
      });
      expect(resumed?.runs).toBe(2);
    });

    it("of many concurrent transitions from the same status exactly one wins", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      await migrations.transition(created.id, ["draft"], "queued");
      const results = await Promise.all(
        Array.from({ length: 6 }, () =>
          migrations.transition(created.id, ["queued"], "running", { countRun: true }),
        ),
      );
      expect(results.filter((r) => r !== null)).toHaveLength(1);
      expect(await migrations.getById(created.id)).toMatchObject({ status: "running", runs: 1 });
    });

    it("walks the whole pause/resume/cancel path", async () => {
      const { migrations } = stores();
      const { id } = await migrations.create(newMigration("c1"));
      const path: [MigrationStatus, MigrationStatus][] = [
        ["draft", "discovered"],
        ["discovered", "pilot_running"],
        ["pilot_running", "pilot_done"],
        ["pilot_done", "queued"],
        ["queued", "running"],
        ["running", "pausing"],
        ["pausing", "paused"],
        ["paused", "queued"],
        ["queued", "running"],
        ["running", "cancelling"],
        ["cancelling", "cancelled"],
      ];
      for (const [from, to] of path) {
        expect((await migrations.transition(id, [from], to))?.status).toBe(to);
      }
    });

    it("an unknown migration is not_found; an unknown status is invalid_input", async () => {
      const { migrations } = stores();
      await expectError(
        migrations.transition("no-such-migration", ["draft"], "queued"),
        "not_found",
      );
      const created = await migrations.create(newMigration("c1"));
      const bogus = "exploded" as MigrationStatus;
      await expectError(migrations.transition(created.id, ["draft"], bogus), "invalid_input");
      await expectError(migrations.transition(created.id, [bogus], "queued"), "invalid_input");
      expect(await migrations.getById(created.id)).toEqual(created);
    });
  });
}
