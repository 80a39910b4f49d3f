import { describe, expect, it } from "vitest";
import type { EntityKind } from "../model/canonical.js";
import { runPilot } from "./pilot.js";
import { rollback } from "./rollback.js";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES, type World } from "./test-kit.js";

const targetCounts = (world: World) =>
  Object.fromEntries(WORLD_ENTITIES.map((e) => [e, world.target.crm.list(e).length]));

describe("pilot", () => {
  it("brings along the records its sample links to, and links to what it created", async () => {
    const world = await createWorld();
    const { outcome, report } = await runPilot(await world.input(), {
      size: 1,
      entities: ["deals"],
    });
    expect(outcome).toBe("completed");
    // Deal "Licences" → company Alpha, contacts Ivan and Maria (both at Alpha).
    expect(targetCounts(world)).toEqual({ companies: 1, contacts: 2, leads: 0, deals: 1 });
    expect([...world.targetBySource("companies").keys()]).toEqual([world.ids.companies[0]]);
    expect([...world.targetBySource("contacts").keys()]).toEqual(world.ids.contacts.slice(0, 2));
    expect(linkMismatches(world)).toEqual([]);
    expect(report).toMatchObject({
      mode: "pilot",
      runId: "pilot-1",
      outcome: "completed",
      failures: 0,
    });
    expect(report.links?.map((l) => l.entity)).toEqual([
      "companies",
      "contacts",
      "contacts",
      "deals",
    ]);
    const deal = world.targetBySource("deals").get(world.ids.deals[0] ?? "");
    expect(report.links?.at(-1)).toEqual({
      entity: "deals",
      sourceId: world.ids.deals[0],
      targetId: deal?.id,
      url: `https://new.bitrix24.test/crm/deal/details/${deal?.id ?? ""}/`,
    });
  });

  it("samples every entity top-down: a contact brought along by a deal brings its company", async () => {
    const world = await createWorld();
    await runPilot(await world.input(), { size: 2 });
    const sources = (e: EntityKind) => [...world.targetBySource(e).keys()].sort();
    const { companies: co, contacts: ct, deals } = world.ids;
    // Deals 1–2 → companies 1, 5 and contacts 1, 2, 4; contact 4 → company 5; leads 1–2 → company 3, contact 5.
    expect(sources("deals")).toEqual(deals.slice(0, 2).sort());
    expect(sources("contacts")).toEqual([ct[0], ct[1], ct[3], ct[4]].sort());
    expect(sources("companies")).toEqual([co[0], co[1], co[2], co[4]].sort());
    expect(linkMismatches(world)).toEqual([]);
  });

  it("its rollback removes exactly what it created, newest dependants first", async () => {
    const world = await createWorld();
    await runPilot(await world.input(), { size: 1, entities: ["deals"] });
    await runMigration(await world.input());
    expect(targetCounts(world)).toEqual({ companies: 5, contacts: 6, leads: 3, deals: 6 });
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);

    const removed: string[] = [];
    const remove = world.target.remove.bind(world.target);
    world.target.remove = async (entity, ids, signal) => {
      removed.push(...ids.map((id) => `${entity}:${id}`));
      return remove(entity, ids, signal);
    };
    const { outcome, report } = await rollback(await world.input(), { runId: "pilot-1" });
    expect(outcome).toBe("completed");
    expect(removed.map((r) => r.split(":")[0])).toEqual([
      "deals",
      "contacts",
      "contacts",
      "companies",
    ]);
    expect(removed.filter((r) => r.startsWith("contacts:"))).toEqual(["contacts:2", "contacts:1"]);
    expect(targetCounts(world)).toEqual({ companies: 4, contacts: 4, leads: 3, deals: 5 });
    expect(world.targetBySource("deals").has(world.ids.deals[0] ?? "")).toBe(false);
    expect(await world.stores.idMap.count(world.migration.id)).toBe(16);
    expect(report.perEntity.contacts).toMatchObject({ removed: 2, failed: 0 });
  });

  it("a rolled-back pilot can run again under a new run id", async () => {
    const world = await createWorld();
    await runPilot(await world.input(), { size: 1, entities: ["companies"] });
    await rollback(await world.input(), { runId: "pilot-1" });
    expect(targetCounts(world)).toEqual({ companies: 0, contacts: 0, leads: 0, deals: 0 });
    const again = await runPilot(await world.input(), { size: 1, entities: ["companies"] });
    expect(again.report.runId).toBe("pilot-2");
    expect(targetCounts(world).companies).toBe(1);
  });

  it("a pilot that crashed after creating records resumes under the same run id without duplicates", async () => {
    const world = await createWorld();
    world.target.faults.fail("write", { after: 1, applied: true });
    await expect(runPilot(await world.input(), { size: 2 })).rejects.toMatchObject({
      kind: "transient",
    });
    const { report } = await runPilot(await world.input(), { size: 5 });
    expect(report.runId).toBe("pilot-1");
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);
    expect(linkMismatches(world)).toEqual([]);
    expect(report.links?.length).toBe(
      Object.values(targetCounts(world)).reduce((a, b) => a + b, 0),
    );
  });

  it("rejects a size out of range and entities the migration does not move", async () => {
    const world = await createWorld({ entities: ["companies", "contacts"] });
    await expect(runPilot(await world.input(), { size: 0 })).rejects.toMatchObject({
      kind: "invalid_input",
      code: "pilot_size",
    });
    await expect(
      runPilot(await world.input(), { size: 1, entities: ["deals"] }),
    ).rejects.toMatchObject({ code: "pilot_entities" });
  });
});

describe("rollback of a whole migration", () => {
  it("removes everything, forgets checkpoints, errors and history, and can be run again", async () => {
    const world = await createWorld({ withBadRecords: true });
    await runMigration(await world.input());
    const { outcome, report } = await rollback(await world.input());
    expect(outcome).toBe("completed");
    expect(targetCounts(world)).toEqual({ companies: 0, contacts: 0, leads: 0, deals: 0 });
    expect(await world.stores.idMap.count(world.migration.id)).toBe(0);
    expect(await world.stores.checkpoints.listByMigration(world.migration.id)).toEqual([]);
    expect(await world.stores.recordErrors.count(world.migration.id)).toBe(0);
    expect(report.perEntity.deals).toMatchObject({ total: 5, removed: 5 });
    const stored = await world.stores.migrations.getById(world.migration.id);
    expect(stored?.options.engine).toEqual({ pilots: 0, deltas: 0 });
    expect((await runMigration(await world.input())).outcome).toBe("completed");
    expect(targetCounts(world)).toEqual({ companies: 5, contacts: 6, leads: 3, deals: 5 });
  });

  it("is resumable: an aborted rollback continues where it stopped; a record already gone counts as removed", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const controller = new AbortController();
    const input = await world.input({
      signal: controller.signal,
      onProgress: (s) => {
        if (s.phase === "rollback" && s.entity === "contacts") controller.abort();
      },
    });
    expect((await rollback(input)).outcome).toBe("aborted");
    expect(targetCounts(world)).toMatchObject({ deals: 0, leads: 0 });
    expect(world.target.crm.list("contacts").length).toBeGreaterThan(0);
    const someCompany = world.target.crm.list("companies")[0];
    world.target.crm.delete("companies", someCompany?.id ?? "");
    const { outcome } = await rollback(await world.input());
    expect(outcome).toBe("completed");
    expect(targetCounts(world)).toEqual({ companies: 0, contacts: 0, leads: 0, deals: 0 });
    expect(await world.stores.idMap.count(world.migration.id)).toBe(0);
  });

  it("keeps the id-map entries of records the target refused to delete, and reports them", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const remove = world.target.remove.bind(world.target);
    world.target.remove = async (entity, ids, signal) => {
      const outcomes = await remove(entity, ids.slice(1), signal);
      const [first] = ids;
      if (first === undefined) return outcomes;
      return [
        {
          targetId: first,
          ok: false,
          error: { kind: "invalid_input", code: "ACCESS_DENIED", message: "Access denied" },
        },
        ...outcomes,
      ];
    };
    const { report } = await rollback(await world.input());
    expect(report.failures).toBeGreaterThan(0);
    expect(await world.stores.idMap.count(world.migration.id)).toBe(report.failures);
    expect(report.failuresCsv).toContain("invalid_input,ACCESS_DENIED,,Access denied");
    expect(await world.stores.checkpoints.listByMigration(world.migration.id)).not.toEqual([]);
  });
});
