import { describe, expect, it } from "vitest";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES, type World } from "./test-kit.js";

async function expectComplete(world: World) {
  for (const entity of WORLD_ENTITIES) {
    expect(duplicates(world, entity)).toEqual([]);
    expect(world.target.crm.list(entity)).toHaveLength(world.ids[entity].length);
  }
  expect(linkMismatches(world)).toEqual([]);
  for (const entity of WORLD_ENTITIES) {
    expect(await world.stores.checkpoints.get(world.migration.id, entity)).toMatchObject({
      done: true,
      failed: 0,
    });
  }
}

/** Every record in the target is in the id map: nothing half-recorded. */
async function expectFullyRecorded(world: World) {
  for (const entity of WORLD_ENTITIES) {
    const mapped = await world.stores.idMap.count(world.migration.id, entity);
    expect(world.target.crm.list(entity).length, entity).toBe(mapped);
  }
}

describe("pause, cancel and quota", () => {
  it("aborting between pages saves the checkpoint; the next run resumes from its cursor", async () => {
    const world = await createWorld();
    const controller = new AbortController();
    const input = await world.input({
      signal: controller.signal,
      onProgress: (s) => {
        if (s.entity === "contacts" && (s.perEntity.contacts?.done ?? 0) >= 2) controller.abort();
      },
    });
    expect((await runMigration(input)).outcome).toBe("aborted");
    const checkpoint = await world.stores.checkpoints.get(world.migration.id, "contacts");
    expect(checkpoint).toMatchObject({
      done: false,
      cursor: world.ids.contacts[1],
      written: 2,
      read: 2,
    });
    await expectFullyRecorded(world);
    const readsBefore = world.source.stats.byOperation.read ?? 0;
    const result = await runMigration(await world.input());
    expect(result.outcome).toBe("completed");
    // Companies are done; contacts resume after the 2nd record: 2 more pages and the empty one
    // that ends a full last page, then leads (2 pages) and deals (3 pages + 1 empty).
    expect((world.source.stats.byOperation.read ?? 0) - readsBefore).toBe(3 + 2 + 4);
    await expectComplete(world);
  });

  it("a pause between two chunks of a page leaves nothing half-recorded; resume re-reads the page and skips what it wrote", async () => {
    const world = await createWorld({ pageSize: 4, writeBatchSize: 1 });
    const controller = new AbortController();
    let chunks = 0;
    const input = await world.input({
      signal: controller.signal,
      onProgress: (s) => {
        if (s.phase === "copy" && s.entity === "companies" && ++chunks === 3) controller.abort();
      },
    });
    expect((await runMigration(input)).outcome).toBe("aborted");
    expect(world.target.crm.list("companies")).toHaveLength(2);
    await expectFullyRecorded(world);
    expect(await world.stores.checkpoints.get(world.migration.id, "companies")).toMatchObject({
      cursor: null,
      written: 0,
    });
    const result = await runMigration(await world.input());
    expect(result.outcome).toBe("completed");
    expect(result.report.perEntity.companies).toMatchObject({ done: 5, written: 3, skipped: 2 });
    await expectComplete(world);
  });

  it("an aborted signal from the start stops before any write", async () => {
    const world = await createWorld();
    const controller = new AbortController();
    controller.abort();
    const result = await runMigration(await world.input({ signal: controller.signal }));
    expect(result.outcome).toBe("aborted");
    expect(world.target.stats.requests).toBe(0);
    expect((await runMigration(await world.input())).outcome).toBe("completed");
    await expectComplete(world);
  });

  it("stops with quota_reached when the plan's calls run out, then goes on with a new quota", async () => {
    const world = await createWorld();
    let budget = 25;
    const used = () => world.source.stats.requests + world.target.stats.requests;
    const quota = { remaining: async () => budget - used() };
    const first = await runMigration(await world.input({ quota }));
    expect(first.outcome).toBe("quota_reached");
    expect(first.report.outcome).toBe("quota_reached");
    // Checked before every chunk: at most the request in flight and the next page's read go past it.
    expect(used()).toBeLessThanOrEqual(budget + 2);
    const written = WORLD_ENTITIES.reduce((n, e) => n + world.target.crm.list(e).length, 0);
    expect(written).toBeGreaterThan(0);
    expect(written).toBeLessThan(20);
    await expectFullyRecorded(world);
    const stored = await world.stores.migrations.getById(world.migration.id);
    expect(stored?.options.engine).toMatchObject({ active: { mode: "full", runId: "full" } });
    budget = 1_000;
    expect((await runMigration(await world.input({ quota }))).outcome).toBe("completed");
    await expectComplete(world);
  });

  it("a resumed run keeps its start time, so a later delta misses nothing changed meanwhile", async () => {
    const world = await createWorld();
    const quota = { remaining: async () => 5 - world.target.stats.requests };
    await runMigration(await world.input({ quota }));
    world.clock.advance(86_400_000);
    await runMigration(await world.input());
    const stored = await world.stores.migrations.getById(world.migration.id);
    expect(stored?.options.engine).toMatchObject({
      lastSuccess: {
        startedAt: "2025-03-01T09:00:00.000Z",
        finishedAt: "2025-03-02T09:00:00.000Z",
      },
    });
  });
});
