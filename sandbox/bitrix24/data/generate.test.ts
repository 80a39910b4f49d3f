import { describe, expect, it } from "vitest";
import { emptyPortalData, generatePortalData } from "./generate.js";
import { toSeedFile } from "./seed.js";

describe("emptyPortalData", () => {
  it("is a fresh portal: admin 1, root department, default pipeline and dictionaries", () => {
    const data = emptyPortalData();
    expect(data.users.get(1)?.f).toMatchObject({ IS_ADMIN: "Y", UF_DEPARTMENT: [1] });
    expect(data.departments.get(1)?.f.PARENT).toBeNull();
    expect(data.categories.rows.map((c) => c.id)).toEqual([0]);
    expect(data.statusesOf("DEAL_STAGE").map((s) => s.f.STATUS_ID)).toContain("WON");
    expect(data.statusesOf("STATUS").map((s) => s.f.STATUS_ID)).toEqual([
      "NEW",
      "IN_PROCESS",
      "PROCESSED",
      "CONVERTED",
      "JUNK",
    ]);
    for (const dict of ["SOURCE", "CONTACT_TYPE", "COMPANY_TYPE", "DEAL_TYPE", "INDUSTRY"])
      expect(data.statusesOf(dict).length).toBeGreaterThan(0);
    expect(data.baseCurrency()).toBe("RUB");
    expect(data.crm.deal.size + data.crm.lead.size).toBe(0);
  });
});

describe("generatePortalData", () => {
  it("is deterministic for a seed and differs between seeds", () => {
    const a = JSON.stringify(toSeedFile(generatePortalData({ size: 300, seed: 7 })));
    const b = JSON.stringify(toSeedFile(generatePortalData({ size: 300, seed: 7 })));
    const c = JSON.stringify(toSeedFile(generatePortalData({ size: 300, seed: 8 })));
    expect(a).toBe(b);
    expect(a).not.toBe(c);
  });

  it("keeps the proportions and fills relations, custom fields and history", () => {
    const data = generatePortalData({ size: 2000, seed: 1 });
    expect([
      data.crm.company.size,
      data.crm.contact.size,
      data.crm.lead.size,
      data.crm.deal.size,
    ]).toEqual([300, 700, 400, 600]);
    const deals = data.crm.deal.rows;
    expect(new Set(deals.map((d) => d.f.CATEGORY_ID))).toEqual(new Set([0, 1]));
    expect(
      deals
        .filter((d) => d.f.CATEGORY_ID === 1)
        .every((d) => String(d.f.STAGE_ID).startsWith("C1:")),
    ).toBe(true);
    expect(
      deals.every((d) =>
        data.findStatus(data.dealStageEntity(Number(d.f.CATEGORY_ID)), String(d.f.STAGE_ID)),
      ),
    ).toBe(true);
    expect(deals.filter((d) => d.links?.length).length / deals.length).toBeGreaterThan(0.6);
    const contacts = data.crm.contact.rows;
    expect(contacts.filter((c) => c.links?.length).length / contacts.length).toBeGreaterThan(0.55);
    expect(contacts.every((c) => c.fm?.some((m) => m.type === "PHONE"))).toBe(true);
    const multiPhone = contacts.filter(
      (c) => (c.fm ?? []).filter((m) => m.type === "PHONE").length > 1,
    );
    expect(multiPhone.length).toBeGreaterThan(0);
    const types = new Set(data.userFields.rows.map((u) => u.userTypeId));
    for (const t of ["enumeration", "string", "date", "money", "boolean", "datetime"])
      expect(types).toContain(t);
    expect(deals.some((d) => typeof d.f.UF_CRM_1700000001 === "number")).toBe(true);
    expect(data.users.rows.every((u) => /@/.test(String(u.f.EMAIL)))).toBe(true);
    expect(data.activities.size).toBeGreaterThan(300);
    expect(data.timelineComments.size).toBe(200);
    expect(data.tasks.size).toBe(10);
    expect(data.calls.rows.some((c) => c.f.RECORD_FILE_ID !== null)).toBe(true);
    const ids = deals.map((d) => Number(d.f.DATE_CREATE));
    expect([...ids].sort((x, y) => x - y)).toEqual(ids);
  });

  it("generates 200,000 records", () => {
    const data = generatePortalData({ size: 200_000, seed: 42 });
    const total =
      data.crm.lead.size + data.crm.contact.size + data.crm.company.size + data.crm.deal.size;
    expect(total).toBe(200_000);
    expect(data.crm.deal.get(60_000)?.id).toBe(60_000);
  }, 60_000);
});
