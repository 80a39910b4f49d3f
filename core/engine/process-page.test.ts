import { describe, expect, it, vi } from "vitest";
import { mappingSchema, type Mapping } from "../mapping/index.js";
import { createRunContext } from "./context.js";
import { processPage } from "./process-page.js";
import { runSetup } from "./setup.js";
import { firstRecords } from "./source-pages.js";
import { createWorld, type World } from "./test-kit.js";

/** Makes INDUSTRY required, so the mapping refuses company Delta (the 4th of 5), which has none. */
async function requireIndustry(world: World): Promise<void> {
  const stored = await world.stores.migrations.getById(world.migration.id);
  const mapping: Mapping = mappingSchema.parse(stored?.mapping);
  const rule = mapping.entities.companies?.fields.find(
    (r) => r.action === "map" && r.source === "INDUSTRY",
  );
  if (rule?.action === "map") rule.required = true;
  await world.stores.migrations.update(world.migration.id, { mapping });
}

describe("processPage", () => {
  it("maps a slice at a time yet writes full chunks, and drains the page it is given", async () => {
    const world = await createWorld({ pageSize: 10, writeBatchSize: 2, entities: ["companies"] });
    await requireIndustry(world);
    const ctx = createRunContext(await world.input(), "full", "full");
    await runSetup(ctx);
    const records = await firstRecords(ctx, "companies", 10);
    expect(records).toHaveLength(5);
    const write = vi.spyOn(world.target, "write");

    const result = await processPage(ctx, "companies", records, {
      runId: "full",
      recover: false,
      update: false,
      clearErrors: false,
    });

    expect(result.stop).toBeNull();
    expect(result.counts).toMatchObject({ read: 5, written: 4, failed: 1 });
    // Delta fails in the second slice of two; the others still go in two full chunks.
    expect(write.mock.calls.map(([, chunk]) => chunk.length)).toEqual([2, 2]);
    expect(records).toEqual([]);
    const errors = await world.stores.recordErrors.list(world.migration.id, { limit: 10 });
    expect(errors).toMatchObject([{ sourceId: world.ids.companies[3], code: "required_missing" }]);
    const failed = world.events.filter((e) => e.type === "records_failed");
    expect(failed).toMatchObject([{ entity: "companies", count: 1 }]);
  });

  it("creates the list items a page lacks in one go, when its first slice lacks some", async () => {
    const world = await createWorld({ pageSize: 10, writeBatchSize: 2, entities: ["companies"] });
    const ctx = createRunContext(await world.input(), "full", "full");
    await runSetup(ctx);
    const records = await firstRecords(ctx, "companies", 10);
    await processPage(ctx, "companies", records, {
      runId: "full",
      recover: false,
      update: false,
      clearErrors: false,
    });
    // Beta (2nd) lacks "Enterprise", Delta (4th, a later slice) "Public sector": one request for both.
    const created = world.events.filter(
      (e) => e.type === "items_created" && e.fieldCode === "UF_CRM_77",
    );
    expect(created).toHaveLength(1);
    const labels = created.flatMap((e) => (e.type === "items_created" ? e.labels : []));
    expect(labels.map((l) => l.toLowerCase())).toEqual(["enterprise", "public sector"]);
    expect(world.targetBySource("companies").size).toBe(5);
  });
});
