import { describe, expect, it } from "vitest";
import { transientError } from "../errors.js";
import type { Stores } from "../store/stores.js";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES, type World } from "./test-kit.js";
import type { EngineInput } from "./types.js";

/** Write requests of a full run of the test world (batches of 2): 3 + 3 + 2 + 3. */
const WRITE_REQUESTS = 11;
const points = Array.from({ length: WRITE_REQUESTS }, (_, i) => i);

function expectExactlyOnce(world: World): void {
  for (const entity of WORLD_ENTITIES) {
    expect(duplicates(world, entity), entity).toEqual([]);
    expect(world.target.crm.list(entity), entity).toHaveLength(world.ids[entity].length);
  }
  expect(linkMismatches(world)).toEqual([]);
}

/** Stores whose `method` of `repo` throws once, on its `n`-th call (1-based), like a process dying there. */
function dyingOnce<R extends "idMap" | "checkpoints">(
  stores: Stores,
  repo: R,
  method: keyof Stores[R],
  n: number,
): Stores {
  let calls = 0;
  const original = stores[repo] as unknown as Record<
    string,
    (...args: unknown[]) => Promise<unknown>
  >;
  const name = method as string;
  const wrapped = {
    ...original,
    [name]: async (...args: unknown[]) => {
      calls += 1;
      if (calls === n) throw transientError(`process died in ${repo}.${name}`);
      return original[name]?.(...args);
    },
  };
  return { ...stores, [repo]: wrapped };
}

async function resume(world: World, overrides: Partial<EngineInput> = {}) {
  return runMigration(await world.input(overrides));
}

describe("exactly once across crashes", () => {
  it.each(points)(
    "the target created write request %i's records but the answer was lost: resume records them, no duplicate",
    async (k) => {
      const world = await createWorld();
      world.target.faults.fail("write", { after: k, applied: true });
      await expect(resume(world)).rejects.toMatchObject({
        kind: "transient",
        details: { side: "target" },
      });
      const before =
        world.target.crm.list("companies").length + world.target.crm.list("deals").length;
      expect(before).toBeGreaterThan(0);
      expect((await resume(world)).outcome).toBe("completed");
      expectExactlyOnce(world);
      const recovered = world.events.filter((e) => e.type === "records_recovered");
      expect(
        recovered.reduce((n, e) => n + (e.type === "records_recovered" ? e.count : 0), 0),
      ).toBeGreaterThanOrEqual(1);
    },
  );

  it.each([0, 4, 10])(
    "a write that failed before reaching the target (request %i) is simply written on resume",
    async (k) => {
      const world = await createWorld();
      world.target.faults.fail("write", { after: k, applied: false });
      await expect(resume(world)).rejects.toMatchObject({ kind: "transient" });
      expect((await resume(world)).outcome).toBe("completed");
      expectExactlyOnce(world);
    },
  );

  it.each([1, 3, 6, 9])(
    "the process dies while recording id-map batch %i (created, not recorded): no duplicate",
    async (n) => {
      const world = await createWorld();
      const stores = dyingOnce(world.stores, "idMap", "putMany", n);
      await expect(resume(world, { stores })).rejects.toThrow("process died");
      expect((await resume(world)).outcome).toBe("completed");
      expectExactlyOnce(world);
    },
  );

  it.each([2, 5, 8, 12])(
    "the process dies while saving checkpoint %i (page recorded, cursor not moved): no duplicate",
    async (n) => {
      const world = await createWorld();
      const stores = dyingOnce(world.stores, "checkpoints", "save", n);
      await expect(resume(world, { stores })).rejects.toThrow("process died");
      expect((await resume(world)).outcome).toBe("completed");
      expectExactlyOnce(world);
    },
  );

  it("survives several crashes in a row, each at a different place", async () => {
    const world = await createWorld();
    for (const after of [1, 2, 0, 3]) {
      world.target.faults.fail("write", { after, applied: true });
      await expect(resume(world)).rejects.toMatchObject({ kind: "transient" });
    }
    expect((await resume(world)).outcome).toBe("completed");
    expectExactlyOnce(world);
    const run = await world.stores.checkpoints.get(world.migration.id, "deals");
    expect(run).toMatchObject({ done: true, written: 6, failed: 0 });
  });

  it("does not ask the target by origin on a fresh start, only when resuming a started entity", async () => {
    const world = await createWorld();
    world.target.faults.fail("write", { after: 4, applied: true });
    await expect(resume(world)).rejects.toMatchObject({ kind: "transient" });
    expect(world.target.stats.byOperation.findByOrigin).toBeUndefined();
    await resume(world);
    // contacts was in flight: one lookup for its first page (and the next, after finding something).
    expect(world.target.stats.byOperation.findByOrigin).toBeLessThanOrEqual(2);
  });
});
