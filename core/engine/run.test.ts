import { describe, expect, it } from "vitest";
import { authError, isPereezdError, rateLimited } from "../errors.js";
import { runMigration } from "./run.js";
import { createWorld, duplicates, linkMismatches, WORLD_ENTITIES } from "./test-kit.js";

describe("full run", () => {
  it("copies companies, contacts, leads and deals with every link rewritten to the target's ids", async () => {
    const world = await createWorld();
    const { outcome, report } = await runMigration(await world.input());
    expect(outcome).toBe("completed");
    for (const entity of WORLD_ENTITIES) {
      expect(world.target.crm.list(entity)).toHaveLength(world.ids[entity].length);
      expect(duplicates(world, entity)).toEqual([]);
      expect(await world.stores.idMap.count(world.migration.id, entity)).toBe(
        world.ids[entity].length,
      );
    }
    expect(linkMismatches(world)).toEqual([]);
    const deal = world.targetBySource("deals").get(world.ids.deals[0] ?? "");
    const contacts = world.targetBySource("contacts");
    expect(deal?.fields.CONTACT_IDS).toEqual([
      contacts.get(world.ids.contacts[0] ?? "")?.id,
      contacts.get(world.ids.contacts[1] ?? "")?.id,
    ]);
    expect(deal?.origin).toEqual({
      tag: `pereezd:${world.migration.id}`,
      sourceId: world.ids.deals[0],
    });
    expect(report).toMatchObject({
      migrationId: world.migration.id,
      mode: "full",
      runId: "full",
      outcome: "completed",
      failures: 0,
    });
    expect(report.perEntity.deals).toMatchObject({
      total: 6,
      done: 6,
      written: 6,
      failed: 0,
      skipped: 0,
    });
    expect(report.failuresCsv).toBe("entity,source_id,kind,code,path,message\r\n");
  });

  it("maps users, list items and pipelines/stages into the target's ids, creating what is missing", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const companies = world.target.crm.list("companies");
    expect(companies.map((c) => c.fields.ASSIGNED_BY_ID)).toEqual([
      "1",
      "2",
      "1",
      undefined,
      undefined,
    ]);
    expect(companies[0]?.fields.INDUSTRY).toBe("IND_IT");
    const deals = world.targetBySource("deals");
    const wholesale = deals.get(world.ids.deals[1] ?? "")?.fields;
    const pipeline = world.target.crm
      .schema("deals")
      .fields.find((f) => f.code === "CATEGORY_ID")
      ?.items?.find((i) => i.label === "Wholesale");
    expect(wholesale?.CATEGORY_ID).toBe(pipeline?.id);
    const stages =
      world.target.crm.schema("deals").fields.find((f) => f.code === "STAGE_ID")?.items ?? [];
    expect(stages.find((s) => s.id === wholesale?.STAGE_ID)).toMatchObject({
      label: "Talks",
      group: pipeline?.id,
    });
    expect(stages.find((s) => s.label === "Shipped")).toMatchObject({
      semantics: "success",
      group: pipeline?.id,
    });
    const tier = world.target.crm.schema("companies").fields.find((f) => f.label === "Tier");
    expect(tier).toMatchObject({ custom: true, type: "enum" });
    expect(companies[1]?.fields[tier?.code ?? ""]).toBe(
      tier?.items?.find((i) => i.label === "Platinum")?.id,
    );
  });

  it("persists the resolved mapping (created field codes and item ids) on the migration", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const stored = await world.stores.migrations.getById(world.migration.id);
    const json = JSON.stringify(stored?.mapping);
    expect(json).not.toContain('{"create":');
    const tierCode = world.target.crm
      .schema("companies")
      .fields.find((f) => f.label === "Tier")?.code;
    expect(json).toContain(`"code":"${tierCode}"`);
    expect(stored?.options.engine).toMatchObject({
      lastSuccess: { mode: "full", startedAt: "2025-03-01T09:00:00.000Z" },
    });
  });

  it("emits a progress snapshot after every chunk, ending with everything done", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const copying = world.snapshots.filter((s) => s.phase === "copy");
    expect(copying.length).toBeGreaterThanOrEqual(11);
    const last = world.snapshots.at(-1);
    expect(last).toMatchObject({ phase: "done", etaSeconds: 0, mode: "full" });
    for (const entity of WORLD_ENTITIES)
      expect(last?.perEntity[entity]).toMatchObject({
        done: world.ids[entity].length,
        total: world.ids[entity].length,
      });
    expect(last?.requests).toEqual({
      source: world.source.stats.requests,
      target: world.target.stats.requests,
    });
  });

  it("spends one write request per batch and reads page by page", async () => {
    const world = await createWorld({ pageSize: 50, writeBatchSize: 50 });
    await runMigration(await world.input());
    expect(world.target.stats.byOperation.write).toBe(4);
    expect(world.source.stats.byOperation.read).toBe(4);
    expect(world.target.stats.byOperation.findByOrigin).toBeUndefined();
  });

  it("a second full run after completion writes nothing and keeps the delta window", async () => {
    const world = await createWorld();
    await runMigration(await world.input());
    const writes = world.target.stats.byOperation.write;
    world.clock.advance(3_600_000);
    const again = await runMigration(await world.input());
    expect(again.outcome).toBe("completed");
    expect(world.target.stats.byOperation.write).toBe(writes);
    const stored = await world.stores.migrations.getById(world.migration.id);
    expect(stored?.options.engine).toMatchObject({
      lastSuccess: { startedAt: "2025-03-01T09:00:00.000Z" },
    });
  });
});

describe("errors", () => {
  it("stops at once on auth from the target, naming the side and the portal", async () => {
    const world = await createWorld();
    world.target.faults.revokeAuth();
    const error: unknown = await runMigration(await world.input()).catch((e: unknown) => e);
    expect(isPereezdError(error, "auth")).toBe(true);
    if (!isPereezdError(error)) return;
    expect(error.details).toMatchObject({ side: "target", account: "new.bitrix24.test" });
    expect(error.message).toContain("target CRM (new.bitrix24.test)");
    expect(world.source.stats.byOperation.read).toBeUndefined();
  });

  it("names the source when the source's credentials are revoked mid-run", async () => {
    const world = await createWorld();
    world.source.faults.fail("read", {
      after: 3,
      error: authError("Invalid token", { code: "invalid_token" }),
    });
    const error: unknown = await runMigration(await world.input()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "auth",
      code: "invalid_token",
      details: { side: "source", account: "old.bitrix24.test" },
    });
    expect(world.target.crm.list("companies").length).toBeGreaterThan(0);
  });

  it("rethrows rate_limited and transient with their wait for the caller to schedule, then resumes", async () => {
    const world = await createWorld();
    world.source.faults.fail("read", {
      after: 4,
      error: rateLimited("QUERY_LIMIT_EXCEEDED", 1500),
    });
    const error: unknown = await runMigration(await world.input()).catch((e: unknown) => e);
    expect(error).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 1500,
      details: { side: "source" },
    });
    world.target.faults.fail("write", { after: 2 });
    await expect(runMigration(await world.input())).rejects.toMatchObject({
      kind: "transient",
      details: { side: "target" },
    });
    expect((await runMigration(await world.input())).outcome).toBe("completed");
    for (const entity of WORLD_ENTITIES) expect(duplicates(world, entity)).toEqual([]);
    expect(linkMismatches(world)).toEqual([]);
  });

  it("refuses to run without a confirmed mapping or with an unknown entity", async () => {
    const world = await createWorld();
    await world.stores.migrations.update(world.migration.id, { mapping: null });
    await expect(runMigration(await world.input())).rejects.toMatchObject({
      kind: "config",
      code: "mapping_missing",
    });
    const other = await createWorld();
    await other.stores.migrations.update(other.migration.id, {
      entities: ["companies", "spaceships"],
    });
    await expect(runMigration(await other.input())).rejects.toMatchObject({
      kind: "config",
      code: "unknown_entity",
    });
  });
});
