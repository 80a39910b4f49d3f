import { describe, expect, it } from "vitest";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES, type World } from "./test-kit.js";

/** After a full run: rename Alpha, add company Zeta with a contact and a deal linked to both. */
function changeSource(world: World): { zeta: string; zoe: string; deal: string } {
  world.clock.advance(3_600_000);
  world.source.crm.update("companies", world.ids.companies[0] ?? "", { TITLE: "Alpha Group" });
  const [zeta = ""] = world.source.crm.seed("companies", [
    { fields: { TITLE: "Zeta", INDUSTRY: "IT" } },
  ]);
  const [zoe = ""] = world.source.crm.seed("contacts", [
    { fields: { NAME: "Zoe", COMPANY_ID: zeta } },
  ]);
  const [deal = ""] = world.source.crm.seed("deals", [
    {
      fields: {
        TITLE: "Zeta deal",
        CATEGORY_ID: "7",
        STAGE_ID: "C7:WON",
        COMPANY_ID: zeta,
        CONTACT_IDS: [zoe, world.ids.contacts[0] ?? ""],
      },
    },
  ]);
  world.clock.advance(3_600_000);
  return { zeta, zoe, deal };
}

describe("delta", () => {
  it("creates new records and updates changed ones, never duplicating, links right", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const alphaTarget = world.targetBySource("companies").get(world.ids.companies[0] ?? "")?.id;
    const added = changeSource(world);

    const { outcome, report } = await runMigration(await world.input(), { mode: "delta" });
    expect(outcome).toBe("completed");
    expect(report).toMatchObject({ mode: "delta", runId: "delta-1" });
    expect(report.perEntity.companies).toMatchObject({ total: 2, written: 2 });
    expect(report.perEntity.leads).toMatchObject({ total: 0, written: 0 });

    const companies = world.targetBySource("companies");
    expect(companies.get(world.ids.companies[0] ?? "")).toMatchObject({
      id: alphaTarget,
      fields: { TITLE: "Alpha Group" },
    });
    expect(companies.get(added.zeta)?.fields.TITLE).toBe("Zeta");
    for (const entity of WORLD_ENTITIES) {
      expect(duplicates(world, entity)).toEqual([]);
      expect(world.target.crm.list(entity)).toHaveLength(world.source.crm.list(entity).length);
    }
    expect(linkMismatches(world)).toEqual([]);
    expect(await world.stores.checkpoints.get(world.migration.id, "deals", "delta")).toMatchObject({
      done: true,
      written: 1,
    });
  });

  it("the next delta only moves what changed since the previous one started", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    changeSource(world);
    await runMigration(await world.input(), { mode: "delta" });
    const writes = world.target.stats.byOperation.write ?? 0;
    world.clock.advance(3_600_000);
    const quiet = await runMigration(await world.input(), { mode: "delta" });
    expect(quiet.report.runId).toBe("delta-2");
    expect(world.target.stats.byOperation.write ?? 0).toBe(writes);
    world.clock.advance(60_000);
    world.source.crm.update("contacts", world.ids.contacts[2] ?? "", { LAST_NAME: "Sidorov" });
    const third = await runMigration(await world.input(), { mode: "delta" });
    expect(third.report.perEntity.contacts).toMatchObject({ total: 1, written: 1 });
    expect(
      world.targetBySource("contacts").get(world.ids.contacts[2] ?? "")?.fields.LAST_NAME,
    ).toBe("Sidorov");
  });

  it("a delta that crashed after creating records resumes without duplicates", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const added = changeSource(world);
    const writes = world.target.stats.byOperation.write ?? 0;
    world.target.faults.fail("write", { after: 1, applied: true });
    await expect(runMigration(await world.input(), { mode: "delta" })).rejects.toMatchObject({
      kind: "transient",
    });
    expect(world.target.stats.byOperation.write).toBe(writes + 2);
    await expect(runMigration(await world.input(), { mode: "full" })).rejects.toMatchObject({
      code: "run_in_progress",
    });
    expect((await runMigration(await world.input(), { mode: "delta" })).outcome).toBe("completed");
    expect(world.targetBySource("companies").get(added.zeta)).toBeDefined();
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);
    expect(linkMismatches(world)).toEqual([]);
  });

  it("needs a completed full run first", async () => {
    const world = await createWorld();
    await expect(runMigration(await world.input(), { mode: "delta" })).rejects.toMatchObject({
      kind: "config",
      code: "no_previous_run",
    });
  });
});
