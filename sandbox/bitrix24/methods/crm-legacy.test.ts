import { beforeEach, describe, expect, it } from "vitest";
import { addUserField } from "../data/user-fields.js";
import { addDealCategory } from "../data/dictionaries.js";
import type { Portal } from "../portal.js";
import { expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(() => {
  portal = testPortal();
  addDealCategory(portal.data, { name: "Wholesale" });
  addUserField(portal.data, "deal", {
    fieldName: "DELIVERY",
    userTypeId: "enumeration",
    label: "Delivery",
    list: [{ value: "Pickup" }, { value: "Courier" }],
  });
  addUserField(portal.data, "deal", {
    fieldName: "CONTRACT",
    userTypeId: "date",
    label: "Contract date",
  });
  addUserField(portal.data, "deal", { fieldName: "WEIGHT", userTypeId: "double", label: "Weight" });
  addUserField(portal.data, "contact", {
    fieldName: "CARD",
    userTypeId: "string",
    label: "Card",
    mandatory: true,
  });
});

describe("crm.deal.add/get", () => {
  it("creates a deal with defaults and renders every scalar as a string", async () => {
    const id = await result<number>(portal, "crm.deal.add", {
      fields: { OPPORTUNITY: 1500.5, ORIGINATOR_ID: "amo", ORIGIN_ID: "77" },
    });
    expect(id).toBe(1);
    const deal = await result<Rec>(portal, "crm.deal.get", { id });
    expect(deal).toMatchObject({
      ID: "1",
      TITLE: "Deal #1",
      CATEGORY_ID: "0",
      STAGE_ID: "NEW",
      STAGE_SEMANTIC_ID: "P",
      CLOSED: "N",
      OPPORTUNITY: "1500.50",
      CURRENCY_ID: "RUB",
      ASSIGNED_BY_ID: "1",
      ORIGINATOR_ID: "amo",
      ORIGIN_ID: "77",
      COMPANY_ID: null,
      CONTACT_ID: null,
      UF_CRM_DELIVERY: null,
    });
    expect(deal.DATE_CREATE).toMatch(/^2026-01-15T12:00:\d\d\+03:00$/);
    expect(deal.BEGINDATE).toBe("2026-01-15T00:00:00+03:00");
    expect(deal).not.toHaveProperty("CONTACT_IDS");
  });

  it("accepts a stage of another pipeline only with its C<id>: prefix", async () => {
    await expectError(
      run(portal, "crm.deal.add", { fields: { CATEGORY_ID: 1, STAGE_ID: "NEW" } }),
      "",
      'Invalid value for the "Deal stage" field',
    );
    const id = await result<number>(portal, "crm.deal.add", {
      fields: { CATEGORY_ID: 1, STAGE_ID: "C1:WON" },
    });
    expect(await result<Rec>(portal, "crm.deal.get", { id })).toMatchObject({
      CATEGORY_ID: "1",
      STAGE_ID: "C1:WON",
      CLOSED: "Y",
      STAGE_SEMANTIC_ID: "S",
    });
  });

  it.each<[string, Rec, string]>([
    ["unknown stage", { STAGE_ID: "NOPE" }, "Deal stage"],
    ["unknown pipeline", { CATEGORY_ID: 9 }, "Pipeline"],
    ["unknown responsible", { ASSIGNED_BY_ID: 999 }, "Responsible person"],
    ["non-numeric amount", { OPPORTUNITY: "a lot" }, "Amount"],
    ["bad date", { BEGINDATE: "32.13.2024" }, "Start date"],
    ["unknown currency", { CURRENCY_ID: "XXX" }, "Currency"],
    ["unknown company", { COMPANY_ID: 5 }, "Company"],
    ["unknown contact", { CONTACT_IDS: [5] }, "Contacts"],
    ["unknown list item", { UF_CRM_DELIVERY: 999 }, "Delivery"],
    ["bad number in a double field", { UF_CRM_WEIGHT: "heavy" }, "Weight"],
    ["bad date in a date field", { UF_CRM_CONTRACT: "soon" }, "Contract date"],
  ])("refuses %s", async (_name, fields, title) => {
    await expectError(
      run(portal, "crm.deal.add", { fields }),
      "",
      `Invalid value for the "${title}" field`,
    );
    expect(portal.data.crm.deal.size).toBe(0);
  });

  it("refuses a missing or non-object fields param", async () => {
    await expectError(run(portal, "crm.deal.add", {}), "", "Parameter 'fields' must be array.");
    await expectError(
      run(portal, "crm.deal.add", { fields: "x" }),
      "",
      "Parameter 'fields' must be array.",
    );
    await expectError(
      run(portal, "crm.deal.add", { fields: {}, params: 5 }),
      "",
      "Parameter 'params' must be array.",
    );
  });

  it("get: invalid id and unknown id", async () => {
    await expectError(
      run(portal, "crm.deal.get", { id: "abc" }),
      "",
      "ID is not defined or invalid.",
    );
    await expectError(run(portal, "crm.deal.get", { id: 42 }), "", "Not found.");
  });
});

describe("required fields", () => {
  it("companies need TITLE, contacts a name, user fields marked mandatory", async () => {
    await expectError(
      run(portal, "crm.company.add", { fields: { COMMENTS: "x" } }),
      "",
      "The required field 'Company Name' is missing.",
    );
    await expectError(
      run(portal, "crm.contact.add", { fields: { UF_CRM_CARD: "1" } }),
      "",
      "'First name' or 'Last name'",
    );
    await expectError(
      run(portal, "crm.contact.add", { fields: { NAME: "Ann" } }),
      "",
      "The required field 'Card' is missing.",
    );
    expect(
      await result(portal, "crm.contact.add", { fields: { LAST_NAME: "Lee", UF_CRM_CARD: "C-1" } }),
    ).toBe(1);
  });
  it("leads and deals get a default title", async () => {
    const id = await result<number>(portal, "crm.lead.add", { fields: { NAME: "Ann" } });
    expect(await result<Rec>(portal, "crm.lead.get", { id })).toMatchObject({
      TITLE: "Lead #1",
      STATUS_ID: "NEW",
      STATUS_SEMANTIC_ID: "P",
    });
  });
});

describe("multi-fields and links", () => {
  it("adds, updates additively and deletes phones; list shows them only when selected", async () => {
    const id = await result<number>(portal, "crm.contact.add", {
      fields: {
        NAME: "Ann",
        UF_CRM_CARD: "c",
        PHONE: [{ VALUE: "+7 900 111-22-33", VALUE_TYPE: "MOBILE" }],
        EMAIL: [{ VALUE: "ann@example.com" }],
      },
    });
    const got = await result<Rec>(portal, "crm.contact.get", { id });
    expect(got).toMatchObject({
      HAS_PHONE: "Y",
      HAS_EMAIL: "Y",
      PHONE: [{ VALUE: "+7 900 111-22-33", VALUE_TYPE: "MOBILE", TYPE_ID: "PHONE" }],
    });
    const phoneId = (got.PHONE as Rec[])[0]?.ID;
    await run(portal, "crm.contact.update", {
      id,
      fields: { PHONE: [{ VALUE: "+7 900 000-00-00", VALUE_TYPE: "WORK" }] },
    });
    expect(((await result<Rec>(portal, "crm.contact.get", { id })).PHONE as Rec[]).length).toBe(2);
    await run(portal, "crm.contact.update", {
      id,
      fields: { PHONE: [{ ID: phoneId, DELETE: "Y" }] },
    });
    expect((await result<Rec>(portal, "crm.contact.get", { id })).PHONE).toEqual([
      expect.objectContaining({ VALUE: "+7 900 000-00-00" }),
    ]);
    const plain = await result<Rec[]>(portal, "crm.contact.list", {});
    expect(plain[0]).not.toHaveProperty("PHONE");
    const named = await result<Rec[]>(portal, "crm.contact.list", { select: ["ID", "PHONE"] });
    expect(named[0]).toEqual({ ID: "1", PHONE: [expect.objectContaining({ VALUE_TYPE: "WORK" })] });
  });
  it("refuses a malformed e-mail with ERROR_CORE", async () => {
    await expectError(
      run(portal, "crm.contact.add", {
        fields: { NAME: "A", UF_CRM_CARD: "c", EMAIL: [{ VALUE: "not-mail", VALUE_TYPE: "WORK" }] },
      }),
      "ERROR_CORE",
      "Work e-mail",
    );
  });
  it("links a deal to contacts (first is CONTACT_ID) and a contact to companies", async () => {
    const company = await result<number>(portal, "crm.company.add", { fields: { TITLE: "Acme" } });
    const c1 = await result<number>(portal, "crm.contact.add", {
      fields: { NAME: "A", UF_CRM_CARD: "c", COMPANY_ID: company },
    });
    const c2 = await result<number>(portal, "crm.contact.add", {
      fields: { NAME: "B", UF_CRM_CARD: "c" },
    });
    const deal = await result<number>(portal, "crm.deal.add", {
      fields: { CONTACT_IDS: [c2, c1], COMPANY_ID: company },
    });
    expect(await result<Rec>(portal, "crm.deal.get", { id: deal })).toMatchObject({
      CONTACT_ID: String(c2),
      COMPANY_ID: String(company),
    });
    expect(await result<Rec>(portal, "crm.contact.get", { id: c1 })).toMatchObject({
      COMPANY_ID: String(company),
    });
    const byCompany = await result<Rec[]>(portal, "crm.contact.list", {
      filter: { COMPANY_ID: company },
      select: ["ID"],
    });
    expect(byCompany).toEqual([{ ID: String(c1) }]);
  });
});

describe("update, delete and delta filters", () => {
  it("moves DATE_MODIFY forward so >DATE_MODIFY finds changed records", async () => {
    const a = await result<number>(portal, "crm.lead.add", {
      fields: { TITLE: "A", ORIGIN_ID: "src-1" },
    });
    const b = await result<number>(portal, "crm.lead.add", { fields: { TITLE: "B" } });
    const before = (await result<Rec>(portal, "crm.lead.get", { id: b })).DATE_MODIFY as string;
    expect(
      await result(portal, "crm.lead.update", {
        id: a,
        fields: { TITLE: "A2", STATUS_ID: "IN_PROCESS" },
      }),
    ).toBe(true);
    const changed = await result<Rec[]>(portal, "crm.lead.list", {
      filter: { ">DATE_MODIFY": before },
      select: ["ID", "TITLE"],
    });
    expect(changed).toEqual([{ ID: String(a), TITLE: "A2" }]);
    expect(
      await result<Rec[]>(portal, "crm.lead.list", {
        filter: { ORIGIN_ID: "src-1" },
        select: ["ID"],
      }),
    ).toEqual([{ ID: String(a) }]);
    await expectError(run(portal, "crm.lead.update", { id: 99, fields: {} }), "", "Not found.");
    await expectError(
      run(portal, "crm.lead.update", { id: a, fields: { STATUS_ID: "BAD" } }),
      "",
      "Status",
    );
  });
  it("CATEGORY_ID is immutable on update", async () => {
    const id = await result<number>(portal, "crm.deal.add", { fields: {} });
    await run(portal, "crm.deal.update", { id, fields: { CATEGORY_ID: 1 } });
    expect((await result<Rec>(portal, "crm.deal.get", { id })).CATEGORY_ID).toBe("0");
  });
  it("deletes", async () => {
    const id = await result<number>(portal, "crm.company.add", { fields: { TITLE: "X" } });
    expect(await result(portal, "crm.company.delete", { id })).toBe(true);
    await expectError(run(portal, "crm.company.delete", { id }), "", "Not found.");
  });
});

describe("crm.*.list", () => {
  it("pages by 50 with page-aligned start, total and next; start=-1 counts nothing", async () => {
    for (let i = 0; i < 120; i++)
      await run(portal, "crm.company.add", { fields: { TITLE: `Co ${i}` } });
    const page = await run(portal, "crm.company.list", { select: ["ID"] }, { start: 75 });
    expect((page.result as Rec[])[0]).toEqual({ ID: "51" });
    expect(page).toMatchObject({ total: 120, next: 100 });
    const fast = await run(
      portal,
      "crm.company.list",
      { filter: { ">ID": 100 }, order: { ID: "ASC" }, select: ["ID"] },
      { start: -1 },
    );
    expect((fast.result as Rec[]).map((r) => r.ID)).toHaveLength(20);
    expect(fast.total).toBe(0);
    expect(fast).not.toHaveProperty("next");
  });
  it("refuses a non-object filter", async () => {
    await expectError(
      run(portal, "crm.deal.list", { filter: "x" }),
      "",
      "Parameter 'filter' must be array.",
    );
  });
  it("fields lists system and user fields", async () => {
    const fields = await result<Record<string, Rec>>(portal, "crm.deal.fields");
    expect(fields.STAGE_ID).toMatchObject({ type: "crm_status", statusType: "DEAL_STAGE" });
    expect(fields.CATEGORY_ID).toMatchObject({ isImmutable: true });
    expect(fields.UF_CRM_DELIVERY).toMatchObject({
      type: "enumeration",
      isDynamic: true,
      items: [{ ID: expect.any(String), VALUE: "Pickup" }, expect.anything()],
    });
  });
});
