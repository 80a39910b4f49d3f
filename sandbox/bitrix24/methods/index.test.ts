import { describe, expect, it } from "vitest";
import { generatePortalData } from "../data/generate.js";
import { bitrix24Methods } from "./index.js";
import { result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

describe("bitrix24Methods", () => {
  const names = bitrix24Methods.map((m) => m.name);

  it("has unique lower-case names with a scope and a cost", () => {
    expect(new Set(names).size).toBe(names.length);
    for (const m of bitrix24Methods) {
      expect(m.name).toBe(m.name.toLowerCase());
      expect(m.scope).toMatch(/^(crm|user|department|task|telephony|disk)$/);
      expect(m.cost).toBeDefined();
    }
  });

  it("covers the methods a migration needs (reference §13)", () => {
    const needed = [
      "user.current",
      "user.get",
      "user.add",
      "user.fields",
      "department.get",
      "department.add",
      ...["lead", "contact", "company", "deal"].flatMap((e) =>
        ["list", "get", "add", "update", "delete", "fields", "userfield.add", "userfield.list"].map(
          (m) => `crm.${e}.${m}`,
        ),
      ),
      ...["list", "get", "add", "update", "delete", "fields", "import", "batchimport"].map(
        (m) => `crm.item.${m}`,
      ),
      "crm.status.list",
      "crm.status.entity.types",
      "crm.status.add",
      "crm.category.list",
      "crm.category.add",
      "crm.dealcategory.list",
      "crm.dealcategory.add",
      "crm.deal.contact.items.get",
      "crm.deal.contact.items.set",
      "crm.contact.company.items.get",
      "crm.contact.company.items.set",
      "crm.activity.list",
      "crm.activity.get",
      "crm.activity.add",
      "crm.activity.todo.add",
      "crm.timeline.comment.list",
      "crm.timeline.comment.add",
      "crm.duplicate.findbycomm",
      "tasks.task.list",
      "tasks.task.get",
      "tasks.task.add",
      "task.commentitem.getlist",
      "task.commentitem.add",
      "voximplant.statistic.get",
      "telephony.externalcall.register",
      "telephony.externalcall.finish",
      "telephony.externalcall.attachrecord",
      "disk.file.get",
    ];
    expect(needed.filter((n) => !names.includes(n))).toEqual([]);
  });

  it("refuses webhooks only for the external-call methods", () => {
    const appOnly = bitrix24Methods
      .filter((m) => m.webhookAllowed === false)
      .map((m) => m.name)
      .sort();
    expect(appOnly).toEqual([
      "telephony.externalcall.attachrecord",
      "telephony.externalcall.finish",
      "telephony.externalcall.register",
    ]);
  });
});

describe("a generated portal through the methods", () => {
  const portal = testPortal(generatePortalData({ size: 600, seed: 3 }));

  it("exports every deal with a >ID cursor and start=-1", async () => {
    const seen: string[] = [];
    let last = 0;
    for (;;) {
      const page = await run(
        portal,
        "crm.deal.list",
        { order: { ID: "ASC" }, filter: { ">ID": last }, select: ["ID", "STAGE_ID", "UF_*"] },
        { start: -1 },
      );
      const rows = page.result as Rec[];
      seen.push(...rows.map((r) => String(r.ID)));
      if (rows.length < 50) break;
      last = Number(rows[rows.length - 1]?.ID);
    }
    expect(seen).toHaveLength(portal.data.crm.deal.size);
  });

  it("reads contacts with phones, activities, tasks, calls and records", async () => {
    const contacts = await result<Rec[]>(portal, "crm.contact.list", {
      select: ["ID", "NAME", "PHONE", "EMAIL"],
    });
    expect(contacts[0]?.PHONE).toEqual([expect.objectContaining({ TYPE_ID: "PHONE" })]);
    expect((await run(portal, "crm.activity.list", {})).total).toBeGreaterThan(0);
    expect((await run(portal, "tasks.task.list", {})).total).toBeGreaterThan(0);
    const calls = await result<Rec[]>(portal, "voximplant.statistic.get", {
      FILTER: { ">RECORD_FILE_ID": 0 },
    });
    const file = await result<Rec>(portal, "disk.file.get", { id: calls[0]?.RECORD_FILE_ID });
    expect(file.NAME).toMatch(/^record_\d+\.mp3$/);
  });
});
