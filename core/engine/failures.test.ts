import { describe, expect, it } from "vitest";
import { mappingSchema, type Mapping } from "../mapping/index.js";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES, type World } from "./test-kit.js";

/** Points the mapping of source INDUSTRY "MANUFACTURING" at an item the target no longer has. */
async function staleIndustryItem(world: World): Promise<void> {
  const stored = await world.stores.migrations.getById(world.migration.id);
  const mapping: Mapping = mappingSchema.parse(stored?.mapping);
  const rule = mapping.entities.companies?.fields.find(
    (r) => r.action === "map" && r.source === "INDUSTRY",
  );
  if (rule?.action === "map" && rule.converter.kind === "enum_to_enum")
    rule.converter.valueMap.MANUFACTURING = "IND_GONE";
  await world.stores.migrations.update(world.migration.id, { mapping });
}

describe("per-record failures", () => {
  it("records mapping and target refusals with their paths, goes on, and lists them in the CSV", async () => {
    const world = await createWorld({ withBadRecords: true });
    await staleIndustryItem(world);
    const { outcome, report } = await runMigration(await world.input());
    expect(outcome).toBe("completed");

    const gamma = world.ids.companies[2] ?? "";
    const untitled = world.ids.deals[5] ?? "";
    const errors = await world.stores.recordErrors.list(world.migration.id, { limit: 10 });
    expect(
      errors.map(({ entity, sourceId, kind, code, path }) => ({
        entity,
        sourceId,
        kind,
        code,
        path,
      })),
    ).toEqual(
      expect.arrayContaining([
        {
          entity: "companies",
          sourceId: gamma,
          kind: "invalid_input",
          code: "unknown_item",
          path: "fields.INDUSTRY",
        },
        {
          entity: "deals",
          sourceId: untitled,
          kind: "invalid_input",
          code: "required_missing",
          path: "fields.TITLE",
        },
      ]),
    );
    expect(errors).toHaveLength(2);
    expect(report.failures).toBe(2);
    expect(report.perEntity.companies).toMatchObject({ written: 4, failed: 1 });
    expect(report.perEntity.deals).toMatchObject({ written: 5, failed: 1 });

    const lines = report.failuresCsv.split("\r\n");
    expect(lines[0]).toBe("entity,source_id,kind,code,path,message");
    expect(lines).toContain(
      `companies,${gamma},invalid_input,unknown_item,fields.INDUSTRY,INDUSTRY: there is no item IND_GONE`,
    );
    expect(lines).toContain(
      `deals,${untitled},invalid_input,required_missing,fields.TITLE,required_missing at fields.TITLE`,
    );
    expect(lines.at(-1)).toBe("");

    // A record linking to the failed company (lead 1 → Gamma) is still written, the link dropped with a warning.
    expect(linkMismatches(world)).toEqual([]);
    const lead = world.targetBySource("leads").get(world.ids.leads[0] ?? "");
    expect(lead?.fields.COMPANY_ID).toBeUndefined();
    const dropped = world.events.filter((e) => e.type === "warnings" && e.entity === "leads");
    expect(dropped).toEqual([
      { type: "warnings", entity: "leads", count: 1, codes: { unresolved_ref: 1 } },
    ]);
    expect(report.perEntity.leads?.warnings).toBe(1);
    expect(world.events.some((e) => e.type === "records_failed" && e.entity === "deals")).toBe(
      true,
    );
  });

  it("a link marked required fails the record instead of dropping the link", async () => {
    const world = await createWorld({ withBadRecords: true });
    await staleIndustryItem(world);
    const stored = await world.stores.migrations.getById(world.migration.id);
    const mapping: Mapping = mappingSchema.parse(stored?.mapping);
    const rule = mapping.entities.leads?.fields.find(
      (r) => r.action === "map" && r.source === "COMPANY_ID",
    );
    if (rule?.action === "map") rule.required = true;
    await world.stores.migrations.update(world.migration.id, { mapping });
    await runMigration(await world.input());
    const errors = (await world.stores.recordErrors.list(world.migration.id, { limit: 10 })).filter(
      (e) => e.entity === "leads",
    );
    const bySource = Object.fromEntries(
      errors.map((e) => [e.sourceId, `${e.code ?? ""} ${e.path ?? ""}`]),
    );
    // Lead 1's company failed; leads 2 and 3 have none at all.
    expect(bySource).toEqual({
      [world.ids.leads[0] ?? ""]: "unresolved_ref fields.COMPANY_ID",
      [world.ids.leads[1] ?? ""]: "required_missing fields.COMPANY_ID",
      [world.ids.leads[2] ?? ""]: "required_missing fields.COMPANY_ID",
    });
    expect(world.target.crm.list("leads")).toHaveLength(0);
  });

  it("a record that failed once is cleared from the errors when it later goes through", async () => {
    const world = await createWorld();
    world.target.faults.fail("write", { after: 0, applied: false });
    await expect(runMigration(await world.input())).rejects.toMatchObject({ kind: "transient" });
    await world.stores.recordErrors.record({
      migrationId: world.migration.id,
      entity: "companies",
      sourceId: world.ids.companies[0] ?? "",
      kind: "invalid_input",
      message: "old",
    });
    await runMigration(await world.input());
    expect(await world.stores.recordErrors.count(world.migration.id)).toBe(0);
  });
});

describe("list items the target lacks", () => {
  it("creates each missing item once, across pages and across a restart, and remembers its id", async () => {
    const world = await createWorld();
    const controller = new AbortController();
    const input = await world.input({
      signal: controller.signal,
      onProgress: (s) => {
        if (s.entity === "companies" && (s.perEntity.companies?.done ?? 0) >= 2) controller.abort();
      },
    });
    expect((await runMigration(input)).outcome).toBe("aborted");
    expect((await runMigration(await world.input())).outcome).toBe("completed");

    const segment = world.target.crm.schema("companies").fields.find((f) => f.code === "UF_CRM_77");
    expect(segment?.items?.map((i) => i.label)).toEqual(["SMB", "Enterprise", "Public sector"]);
    const industry = world.target.crm.schema("companies").fields.find((f) => f.code === "INDUSTRY");
    expect(industry?.items?.map((i) => i.label)).toEqual([
      "Information technology",
      "Manufacturing",
      "Retail",
    ]);
    const enterprise = segment?.items?.find((i) => i.label === "Enterprise")?.id;
    const companies = world.targetBySource("companies");
    expect(companies.get(world.ids.companies[1] ?? "")?.fields.UF_CRM_77).toBe(enterprise);
    expect(companies.get(world.ids.companies[2] ?? "")?.fields.UF_CRM_77).toBe(enterprise);

    const stored = mappingSchema.parse(
      (await world.stores.migrations.getById(world.migration.id))?.mapping,
    );
    const rule = stored.entities.companies?.fields.find(
      (r) => r.action === "map" && r.source === "UF_CRM_SEGMENT",
    );
    expect(
      rule?.action === "map" && rule.converter.kind === "string_to_enum"
        ? rule.converter.valueMap
        : null,
    ).toMatchObject({
      enterprise,
      "public sector": segment?.items?.find((i) => i.label === "Public sector")?.id,
    });
    const created = world.events.filter(
      (e) => e.type === "items_created" && e.fieldCode === "UF_CRM_77",
    );
    expect(created.flatMap((e) => (e.type === "items_created" ? e.labels : []))).toEqual([
      "Enterprise",
      "Public sector",
    ]);
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);
  });
});
