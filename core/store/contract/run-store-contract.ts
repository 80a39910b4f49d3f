/**
 * The behaviour every `Stores` adapter must have, as one vitest suite (as hono
 * runs one router suite against every router). Each test gets fresh, empty
 * stores and a hand-moved clock; `cleanup` runs before `close`.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Stores } from "../stores.js";
import { checkpointsContract } from "./checkpoints.contract.js";
import { connectionsContract } from "./connections.contract.js";
import type { ContractContext } from "./context.js";
import { createTestClock } from "./context.js";
import { customersContract } from "./customers.contract.js";
import { idMapBatchesContract } from "./id-map-batches.contract.js";
import { idMapContract } from "./id-map.contract.js";
import { keyValueContract } from "./key-value.contract.js";
import { migrationTransitionsContract } from "./migration-transitions.contract.js";
import { migrationsContract } from "./migrations.contract.js";
import { recordErrorsContract } from "./record-errors.contract.js";
import { ticketsContract } from "./tickets.contract.js";
import { usageContract } from "./usage.contract.js";

/** Makes empty stores that read time from `now`. */
export type MakeStores = (deps: { now: () => Date }) => Promise<Stores>;

/** Registers the whole contract suite for one adapter. */
export function runStoreContract(
  name: string,
  makeStores: MakeStores,
  cleanup?: (stores: Stores) => Promise<void>,
): void {
  describe(`store contract: ${name}`, () => {
    const clock = createTestClock();
    let current: Stores | undefined;

    beforeEach(async () => {
      clock.reset();
      current = await makeStores({ now: clock.now });
    });

    afterEach(async () => {
      const stores = current;
      current = undefined;
      if (!stores) return;
      try {
        await cleanup?.(stores);
      } finally {
        await stores.close();
      }
    });

    const ctx: ContractContext = {
      stores: () => {
        if (!current) throw new Error("stores are only available inside a test");
        return current;
      },
      clock,
    };

    it("ping answers", async () => {
      await expect(ctx.stores().ping()).resolves.toBeUndefined();
    });

    customersContract(ctx);
    connectionsContract(ctx);
    migrationsContract(ctx);
    migrationTransitionsContract(ctx);
    checkpointsContract(ctx);
    idMapContract(ctx);
    idMapBatchesContract(ctx);
    recordErrorsContract(ctx);
    usageContract(ctx);
    keyValueContract(ctx);
    ticketsContract(ctx);
  });
}
