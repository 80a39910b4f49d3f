/**
 * Contract cases about writing: creation with the origin stamp, per-record
 * refusals, batches, updates, recovery by origin, idempotent setup calls,
 * removal.
 */
import { expect, it } from "vitest";
import type { ContractSuite } from "./suite.js";

export function writeCases(s: ContractSuite): void {
  const { entity, titleField } = s.profile;

  it("write() creates records with the origin stamp, one outcome per record in order", async () => {
    const fx = s.fx();
    const outcomes = await s.create(["One", "Two", "Three"], "pereezd:m-1");
    expect(outcomes.map((o) => [o.sourceId, o.ok])).toEqual([
      ["s1", true],
      ["s2", true],
      ["s3", true],
    ]);
    expect(outcomes.every((o) => o.ok && o.created)).toBe(true);
    const ids = s.createdIds(outcomes);
    expect(new Set(ids).size).toBe(3);
    const stored = await fx.readBack(entity);
    ids.forEach((id, i) => {
      const record = stored.find((r) => r.id === id);
      expect(record?.origin).toEqual({ tag: "pereezd:m-1", sourceId: `s${i + 1}` });
      expect(record?.fields[titleField]).toBe(["One", "Two", "Three"][i]);
    });
    const url = fx.connector.recordUrl(entity, ids[0]!);
    if (url !== null) expect(url).toContain(ids[0]);
  });

  it("write() reports a refused record without failing the rest of the batch", async () => {
    const fx = s.fx();
    const before = (await fx.readBack(entity)).length;
    const outcomes = await fx.connector.write(
      entity,
      [
        { sourceId: "ok-1", fields: s.titled("Fine") },
        { sourceId: "bad", fields: {} },
        { sourceId: "ok-2", fields: s.titled("Also fine") },
      ],
      { tag: "pereezd:contract" },
    );
    expect(outcomes.map((o) => [o.sourceId, o.ok])).toEqual([
      ["ok-1", true],
      ["bad", false],
      ["ok-2", true],
    ]);
    const bad = outcomes[1];
    if (bad?.ok === false) expect(bad.error.kind).toBe("invalid_input");
    expect((await fx.readBack(entity)).length).toBe(before + 2);
  });

  it("write() takes more records than one request carries, in order", async () => {
    const fx = s.fx();
    const n = fx.connector.costModel.writeRecordsPerRequest + 1;
    const outcomes = await s.create(Array.from({ length: n }, (_, i) => `Bulk ${i}`));
    expect(outcomes.map((o) => o.sourceId)).toEqual(
      Array.from({ length: n }, (_, i) => `s${i + 1}`),
    );
    expect(outcomes.every((o) => o.ok)).toBe(true);
  });

  it("write() with targetId updates that record instead of creating one", async () => {
    const fx = s.fx();
    const [id] = s.createdIds(await s.create(["Before"]));
    const before = (await fx.readBack(entity)).length;
    const [outcome] = await fx.connector.write(
      entity,
      [{ sourceId: "s1", targetId: id!, fields: s.titled("After") }],
      {
        tag: "pereezd:contract",
      },
    );
    expect(outcome).toEqual({ sourceId: "s1", ok: true, targetId: id, created: false });
    const stored = await fx.readBack(entity);
    expect(stored.length).toBe(before);
    expect(stored.find((r) => r.id === id)?.fields[titleField]).toBe("After");
  });

  it("findByOrigin() finds what was created under the tag, and nothing of another tag", async () => {
    const fx = s.fx();
    const ids = s.createdIds(await s.create(["X", "Y"], "pereezd:m-2"));
    await s.create(["Z"], "pereezd:other");
    const found = await fx.connector.findByOrigin(entity, ["s1", "s2", "s9"], {
      tag: "pereezd:m-2",
    });
    expect(Object.fromEntries(found)).toEqual({ s1: ids[0], s2: ids[1] });
    expect(
      (await fx.connector.findByOrigin(entity, ["s1", "s2"], { tag: "pereezd:m-3" })).size,
    ).toBe(0);
  });

  it("ensureFields() creates custom fields once; a second call creates nothing", async () => {
    const fx = s.fx();
    const specs = [
      {
        label: "Contract tier",
        type: "enum" as const,
        multiple: false,
        items: ["Gold", "Silver"],
      },
      { label: "Loyalty note", type: "string" as const, multiple: false },
    ];
    const first = await fx.connector.ensureFields(entity, specs);
    expect(first.map((f) => [f.label, f.type, f.custom])).toEqual([
      ["Contract tier", "enum", true],
      ["Loyalty note", "string", true],
    ]);
    const fieldsAfterFirst = (await fx.connector.describe(entity)).fields.length;
    const second = await fx.connector.ensureFields(entity, specs);
    expect(second.map((f) => f.code)).toEqual(first.map((f) => f.code));
    expect((await fx.connector.describe(entity)).fields.length).toBe(fieldsAfterFirst);
    expect(first[0]?.items?.map((i) => i.label)).toEqual(["Gold", "Silver"]);
  });

  it("ensureItems() matches items by label and adds only the missing ones", async () => {
    const fx = s.fx();
    const [tier] = await fx.connector.ensureFields(entity, [
      { label: "Tier", type: "enum", multiple: false, items: ["Gold"] },
    ]);
    const gold = tier?.items?.find((i) => i.label === "Gold");
    const first = await fx.connector.ensureItems(entity, tier!.code, [
      { label: "Gold" },
      { label: "Bronze" },
    ]);
    expect(first.map((i) => i.label)).toEqual(["Gold", "Bronze"]);
    expect(first[0]?.id).toBe(gold?.id);
    const again = await fx.connector.ensureItems(entity, tier!.code, [
      { label: "Bronze" },
      { label: "Gold" },
    ]);
    expect(again.map((i) => i.id)).toEqual([first[1]?.id, first[0]?.id]);
    const described = (await fx.connector.describe(entity)).fields.find(
      (f) => f.code === tier?.code,
    );
    expect(described?.items?.map((i) => i.label).sort()).toEqual(["Bronze", "Gold"]);
  });

  it("remove() deletes records and reports an unknown id per record as not_found", async () => {
    const fx = s.fx();
    const [a, b] = s.createdIds(await s.create(["Keep me not", "Keep me"]));
    const outcomes = await fx.connector.remove(entity, [a!, "987654321"]);
    expect(outcomes[0]).toEqual({ targetId: a, ok: true });
    expect(outcomes[1]).toMatchObject({
      targetId: "987654321",
      ok: false,
      error: { kind: "not_found" },
    });
    const left = (await fx.readBack(entity)).map((r) => r.id);
    expect(left).toContain(b);
    expect(left).not.toContain(a);
  });
}
