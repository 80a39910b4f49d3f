/** Contract of `UsageRepository`. */
import { describe, expect, it } from "vitest";
import { migrationScope, TOTAL_SCOPE, zeroUsage } from "../ports/index.js";
import type { UsageCounters } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

const total = { customerId: "c1", period: "2026", scope: TOTAL_SCOPE };

export function usageContract({ stores, clock }: ContractContext): void {
  describe("usage", () => {
    it("get is null before anything is counted; increment starts from zero", async () => {
      const { usage } = stores();
      expect(await usage.get(total)).toBeNull();
      const after = await usage.increment(total, { requests: 1, commands: 50, writes: 50 });
      expect(after).toEqual({ ...zeroUsage(), requests: 1, commands: 50, writes: 50 });
      expect(await usage.get(total)).toEqual(after);
    });

    it("increments add up, also when many run at once", async () => {
      const { usage } = stores();
      await usage.increment(total, { requests: 2, reads: 100 });
      await Promise.all(
        Array.from({ length: 10 }, () => usage.increment(total, { requests: 1, setup: 1 })),
      );
      expect(await usage.get(total)).toEqual({
        ...zeroUsage(),
        requests: 12,
        reads: 100,
        setup: 10,
      });
    });

    it("an empty delta creates zero counters", async () => {
      const { usage } = stores();
      expect(await usage.increment(total, {})).toEqual(zeroUsage());
      expect(await usage.get(total)).toEqual(zeroUsage());
    });

    it("counters are per customer, period and scope", async () => {
      const { usage } = stores();
      await usage.increment(total, { requests: 1 });
      await usage.increment({ ...total, scope: migrationScope("m1") }, { requests: 2 });
      await usage.increment({ ...total, period: "2027" }, { requests: 3 });
      await usage.increment({ ...total, customerId: "c2" }, { requests: 4 });
      expect((await usage.get(total))?.requests).toBe(1);
      expect((await usage.get({ ...total, scope: "migration:m1" }))?.requests).toBe(2);
      expect(await usage.get({ ...total, scope: migrationScope("m2") })).toBeNull();
    });

    it("listByCustomer lists a period's scopes in order with their counters", async () => {
      const { usage } = stores();
      await usage.increment({ ...total, scope: migrationScope("m2") }, { unmetered: 5 });
      await usage.increment(total, { requests: 7 });
      await usage.increment({ ...total, scope: migrationScope("m1") }, { requests: 7 });
      await usage.increment({ ...total, period: "2025" }, { requests: 1 });
      await usage.increment({ ...total, customerId: "c2" }, { requests: 1 });
      const listed = await usage.listByCustomer("c1", "2026");
      expect(listed.map((u) => u.scope)).toEqual(["migration:m1", "migration:m2", "total"]);
      expect(listed[1]).toEqual({
        customerId: "c1",
        period: "2026",
        scope: "migration:m2",
        counters: { ...zeroUsage(), unmetered: 5 },
        updatedAt: clock.now(),
      });
      expect(await usage.listByCustomer("c1", "2030")).toEqual([]);
    });

    it("a negative or fractional delta is invalid_input and counts nothing", async () => {
      const { usage } = stores();
      await expectError(usage.increment(total, { requests: -1 }), "invalid_input");
      await expectError(usage.increment(total, { reads: 0.5 }), "invalid_input");
      const bogus = { requests: "1" } as unknown as Partial<UsageCounters>;
      await expectError(usage.increment(total, bogus), "invalid_input");
      await expectError(usage.increment({ ...total, scope: "" }, { requests: 1 }), "invalid_input");
      expect(await usage.get(total)).toBeNull();
    });
  });
}
