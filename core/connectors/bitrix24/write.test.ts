import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { TargetRecord } from "../../model/canonical.js";
import { startHarness, storedRecords, type Harness } from "./__fixtures__/sandbox-harness.js";

describe("Bitrix24 connector: writing and setup", () => {
  let h: Harness;
  beforeEach(async () => {
    h = await startHarness();
  });
  afterEach(() => h.close());

  const companies = (n: number, bad: number[] = []): TargetRecord[] =>
    Array.from({ length: n }, (_, i): TargetRecord => ({
      sourceId: `c${i + 1}`,
      fields: bad.includes(i)
        ? { COMMENTS: "no title" }
        : { TITLE: `Company ${i + 1}`, PHONE: [{ value: `+7 900 ${i}`, kind: "WORK" }] },
    }));

  it("writes 120 records in 3 requests, surfacing per-record errors in order", async () => {
    const connector = h.connect();
    h.sandbox.resetStats();
    const outcomes = await connector.write("companies", companies(120, [9, 69]), {
      tag: "pereezd:w1",
    });
    expect(h.sandbox.stats()).toMatchObject({ httpRequests: 3, batchRequests: 3, commands: 120 });
    expect(h.usage.filter((u) => u.kind === "write")).toEqual([
      { kind: "write", commands: 50 },
      { kind: "write", commands: 50 },
      { kind: "write", commands: 20 },
    ]);
    expect(outcomes.map((o) => o.sourceId)).toEqual(companies(120).map((r) => r.sourceId));
    const failed = outcomes.filter((o) => !o.ok);
    expect(failed.map((o) => o.sourceId)).toEqual(["c10", "c70"]);
    expect(failed[0]).toMatchObject({ ok: false, error: { kind: "invalid_input" } });
    expect(outcomes.filter((o) => o.ok && o.created)).toHaveLength(118);
    const stored = storedRecords(h.portal, "companies");
    expect(stored).toHaveLength(118);
    expect(stored[0]?.origin).toEqual({ tag: "pereezd:w1", sourceId: "c1" });
  });

  it("findByOrigin() maps source ids to what this migration created, 2,450 ids per request", async () => {
    const connector = h.connect();
    const outcomes = await connector.write("companies", companies(60), { tag: "pereezd:m1" });
    await connector.write("companies", companies(5), { tag: "pereezd:m2" });
    h.sandbox.resetStats();
    const asked = [...companies(60).map((r) => r.sourceId), "c999"];
    const found = await connector.findByOrigin("companies", asked, { tag: "pereezd:m1" });
    expect(h.sandbox.stats().httpRequests).toBe(1);
    expect(found.size).toBe(60);
    expect(found.get("c1")).toBe(outcomes[0]?.ok ? outcomes[0].targetId : "");
    expect(found.has("c999")).toBe(false);
  });

  it("update (targetId) and remove() work per record", async () => {
    const connector = h.connect();
    const [created] = await connector.write("companies", companies(1), { tag: "t" });
    const id = created?.ok ? created.targetId : "";
    const [updated] = await connector.write(
      "companies",
      [{ sourceId: "c1", targetId: id, fields: { TITLE: "Renamed" } }],
      { tag: "t" },
    );
    expect(updated).toEqual({ sourceId: "c1", ok: true, targetId: id, created: false });
    expect(storedRecords(h.portal, "companies")[0]?.fields["TITLE"]).toBe("Renamed");
    const removed = await connector.remove("companies", [id, "424242"]);
    expect(removed[0]).toEqual({ targetId: id, ok: true });
    expect(removed[1]).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("ensureFields() creates once, then matches by label and type", async () => {
    const connector = h.connect();
    const specs = [
      { label: "Источник лида", type: "enum" as const, multiple: false, items: ["Сайт", "Звонок"] },
      { label: "Сумма бонуса", type: "money" as const, multiple: false },
      { label: "Телефоны склада", type: "phones" as const, multiple: true },
    ];
    const first = await connector.ensureFields("deals", specs);
    expect(first.map((f) => [f.label, f.type, f.multiple])).toEqual([
      ["Источник лида", "enum", false],
      ["Сумма бонуса", "money", false],
      ["Телефоны склада", "string", true],
    ]);
    expect(first[0]?.items?.map((i) => i.label)).toEqual(["Сайт", "Звонок"]);
    h.sandbox.resetStats();
    const again = await connector.ensureFields(
      "deals",
      specs.map((s) => ({ ...s, label: ` ${s.label.toUpperCase()} ` })),
    );
    expect(again.map((f) => f.code)).toEqual(first.map((f) => f.code));
    expect(h.sandbox.stats().byMethod["crm.deal.userfield.add"]).toBeUndefined();
    expect(h.sandbox.stats().httpRequests).toBe(1);
  });

  it("ensureItems() adds missing pipelines, stages before the final ones, and lead statuses", async () => {
    const connector = h.connect();
    const [pipeline, general] = await connector.ensureItems("deals", "CATEGORY_ID", [
      { label: "Тендеры" },
      { label: "general" },
    ]);
    expect(general?.id).toBe("0");
    const group = pipeline!.id;
    const stages = await connector.ensureItems("deals", "STAGE_ID", [
      { label: "Квалификация", group, semantics: "process" },
      { label: "Отказ клиента", group, semantics: "failure" },
      { label: "Согласование", group: "0" },
    ]);
    expect(stages.map((s) => [s.group, s.semantics])).toEqual([
      [group, "process"],
      [group, "failure"],
      ["0", "process"],
    ]);
    expect(stages[0]?.id.startsWith(`C${group}:`)).toBe(true);
    const again = await connector.ensureItems("deals", "STAGE_ID", [
      { label: "квалификация", group },
    ]);
    expect(again[0]?.id).toBe(stages[0]?.id);
    const [status] = await connector.ensureItems("leads", "STATUS_ID", [{ label: "Перезвонить" }]);
    expect(status).toMatchObject({ label: "Перезвонить", semantics: "process" });
    const [source] = await connector.ensureItems("leads", "SOURCE_ID", [{ label: "Выставка" }]);
    expect(source?.label).toBe("Выставка");
  });

  it("ensureItems() adds enumeration items to a user field", async () => {
    const connector = h.connect();
    const [field] = await connector.ensureFields("deals", [
      { label: "Канал", type: "enum", multiple: false, items: ["A"] },
    ]);
    const items = await connector.ensureItems("deals", field!.code, [
      { label: "A" },
      { label: "B" },
    ]);
    expect(items.map((i) => i.label)).toEqual(["A", "B"]);
    expect(items[0]?.id).toBe(field?.items?.[0]?.id);
  });
});
