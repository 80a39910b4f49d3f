/** Contract of `RecordErrorRepository`. */
import { describe, expect, it } from "vitest";
import type { RecordErrorInput } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

const failure = (sourceId: string, extra: Partial<RecordErrorInput> = {}): RecordErrorInput => ({
  migrationId: "m1",
  entity: "deals",
  sourceId,
  kind: "invalid_input",
  code: "WRONG_PHONE",
  message: "Phone has letters",
  path: "fields.PHONE[0]",
  ...extra,
});

export function recordErrorsContract({ stores, clock }: ContractContext): void {
  describe("recordErrors", () => {
    it("record stores the first failure with one attempt", async () => {
      const { recordErrors } = stores();
      const recorded = await recordErrors.record(failure("s1"));
      expect(recorded.id).toMatch(/.+/);
      expect(recorded).toEqual({
        ...failure("s1"),
        id: recorded.id,
        attempts: 1,
        firstAt: clock.now(),
        at: clock.now(),
      });
      expect(await recordErrors.count("m1")).toBe(1);
    });

    it("record again replaces the failure, adds an attempt and keeps id and firstAt", async () => {
      const { recordErrors } = stores();
      const first = await recordErrors.record(failure("s1"));
      const later = clock.advance();
      const again = await recordErrors.record({
        migrationId: "m1",
        entity: "deals",
        sourceId: "s1",
        kind: "transient",
        message: "Timeout",
      });
      expect(again).toEqual({
        id: first.id,
        migrationId: "m1",
        entity: "deals",
        sourceId: "s1",
        kind: "transient",
        message: "Timeout",
        attempts: 2,
        firstAt: first.firstAt,
        at: later,
      });
      expect(await recordErrors.count("m1")).toBe(1);
    });

    it("concurrent failures of one record count every attempt", async () => {
      const { recordErrors } = stores();
      await Promise.all(Array.from({ length: 7 }, () => recordErrors.record(failure("s1"))));
      const [only] = await recordErrors.list("m1", { limit: 10 });
      expect(only?.attempts).toBe(7);
    });

    it("keys are per migration, entity and source id; count filters by entity", async () => {
      const { recordErrors } = stores();
      await recordErrors.record(failure("s1"));
      await recordErrors.record(failure("s2"));
      await recordErrors.record(failure("s1", { entity: "leads" }));
      await recordErrors.record(failure("s1", { migrationId: "m2" }));
      expect(await recordErrors.count("m1")).toBe(3);
      expect(await recordErrors.count("m1", "deals")).toBe(2);
      expect(await recordErrors.count("m2")).toBe(1);
      expect(await recordErrors.count("m3")).toBe(0);
    });

    it("clear forgets the error once the record went through", async () => {
      const { recordErrors } = stores();
      await recordErrors.record(failure("s1"));
      await recordErrors.record(failure("s2"));
      expect(await recordErrors.clear("m1", "deals", "s1")).toBe(true);
      expect(await recordErrors.clear("m1", "deals", "s1")).toBe(false);
      expect((await recordErrors.list("m1", { limit: 10 })).map((e) => e.sourceId)).toEqual(["s2"]);
      const fresh = await recordErrors.record(failure("s1"));
      expect(fresh.attempts).toBe(1);
    });

    it("list pages by id with `after`, filtered by entity, per migration", async () => {
      const { recordErrors } = stores();
      for (const id of ["a", "b", "c", "d", "e"]) await recordErrors.record(failure(id));
      await recordErrors.record(failure("z", { entity: "leads" }));
      await recordErrors.record(failure("y", { migrationId: "m2" }));
      const seen: string[] = [];
      let after: string | undefined;
      for (;;) {
        const page = await recordErrors.list("m1", { entity: "deals", limit: 2, after });
        if (page.length === 0) break;
        seen.push(...page.map((e) => e.id));
        after = page.at(-1)?.id;
      }
      expect(seen).toHaveLength(5);
      expect(seen).toEqual([...seen].sort());
      expect(await recordErrors.list("m1", { limit: 10 })).toHaveLength(6);
      await expectError(recordErrors.list("m1", { limit: -1 }), "invalid_input");
    });

    it("deleteByMigration removes one migration's errors", async () => {
      const { recordErrors } = stores();
      await recordErrors.record(failure("s1"));
      await recordErrors.record(failure("s2", { entity: "leads" }));
      await recordErrors.record(failure("s1", { migrationId: "m2" }));
      expect(await recordErrors.deleteByMigration("m1")).toBe(2);
      expect(await recordErrors.count("m1")).toBe(0);
      expect(await recordErrors.count("m2")).toBe(1);
    });
  });
}
