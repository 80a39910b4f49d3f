import { beforeEach, describe, expect, it } from "vitest";
import { addUser } from "../data/empty-portal.js";
import type { Portal } from "../portal.js";
import { expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(() => {
  portal = testPortal();
});

describe("crm.*.userfield.add/list", () => {
  it("prefixes UF_CRM_, stores list items and lists them", async () => {
    const id = await result<number>(portal, "crm.deal.userfield.add", {
      fields: {
        FIELD_NAME: "uf_priority",
        USER_TYPE_ID: "enumeration",
        EDIT_FORM_LABEL: { en: "Priority" },
        LIST: [{ VALUE: "Low" }, { VALUE: "High", DEF: "Y" }],
      },
    });
    expect(id).toBe(1);
    const list = await result<Rec[]>(portal, "crm.deal.userfield.list");
    expect(list).toEqual([
      expect.objectContaining({
        ID: "1",
        ENTITY_ID: "CRM_DEAL",
        FIELD_NAME: "UF_CRM_PRIORITY",
        USER_TYPE_ID: "enumeration",
        MULTIPLE: "N",
        EDIT_FORM_LABEL: "Priority",
        LIST: [
          expect.objectContaining({ VALUE: "Low", DEF: "N" }),
          expect.objectContaining({ VALUE: "High", DEF: "Y" }),
        ],
      }),
    ]);
    expect(await result(portal, "crm.lead.userfield.list")).toEqual([]);
    const filtered = await result<Rec[]>(portal, "crm.deal.userfield.list", {
      filter: { USER_TYPE_ID: "string" },
    });
    expect(filtered).toEqual([]);
  });

  it.each<[string, Rec, string, string]>([
    ["no FIELD_NAME", { USER_TYPE_ID: "string" }, "", "The 'FIELD_NAME' field is not found."],
    ["no USER_TYPE_ID", { FIELD_NAME: "X" }, "", "The 'USER_TYPE_ID' field is not found."],
    [
      "a long name",
      { FIELD_NAME: "X".repeat(44), USER_TYPE_ID: "string" },
      "ERROR_CORE",
      "Field name is too long (more than 50 characters).",
    ],
    [
      "bad characters",
      { FIELD_NAME: "ПОЛЕ", USER_TYPE_ID: "string" },
      "ERROR_CORE",
      "Allowed characters are: A-Z, 0-9 and _.",
    ],
    [
      "an unknown type",
      { FIELD_NAME: "X", USER_TYPE_ID: "rocket" },
      "ERROR_CORE",
      "Incorrect custom type specified.",
    ],
  ])("refuses %s", async (_n, fields, code, text) => {
    await expectError(run(portal, "crm.contact.userfield.add", { fields }), code, text);
  });

  it("refuses duplicates, but the same name on another entity is fine", async () => {
    await run(portal, "crm.company.userfield.add", {
      fields: { FIELD_NAME: "INN", USER_TYPE_ID: "string" },
    });
    await expectError(
      run(portal, "crm.company.userfield.add", {
        fields: { FIELD_NAME: "UF_CRM_INN", USER_TYPE_ID: "string" },
      }),
      "ERROR_CORE",
      "The field UF_CRM_INN for the CRM_COMPANY object already exists.",
    );
    expect(
      await result(portal, "crm.lead.userfield.add", {
        fields: { FIELD_NAME: "INN", USER_TYPE_ID: "string" },
      }),
    ).toBe(2);
  });

  it("is for administrators only", async () => {
    const user = addUser(portal.data, {
      name: "U",
      lastName: "V",
      email: "u@example.com",
      departments: [1],
    });
    await expectError(
      run(
        portal,
        "crm.deal.userfield.add",
        { fields: { FIELD_NAME: "X", USER_TYPE_ID: "string" } },
        { userId: user.id },
      ),
      "",
      "Access denied.",
    );
  });
});

describe("crm.*.userfield.get/update", () => {
  it("adds, renames and removes list items; others stay", async () => {
    await run(portal, "crm.deal.userfield.add", {
      fields: {
        FIELD_NAME: "SIZE",
        USER_TYPE_ID: "enumeration",
        LIST: [{ VALUE: "S" }, { VALUE: "M" }, { VALUE: "L" }],
      },
    });
    const [s, m, l] = portal.data.userFields.get(1)?.list ?? [];
    expect(
      await result(portal, "crm.deal.userfield.update", {
        id: 1,
        fields: {
          LIST: [{ VALUE: "XL" }, { ID: s?.id, VALUE: "Small" }, { ID: l?.id, DEL: "Y" }],
          MANDATORY: "Y",
        },
      }),
    ).toBe(true);
    const got = await result<Rec>(portal, "crm.deal.userfield.get", { id: 1 });
    expect(got).toMatchObject({ MANDATORY: "Y" });
    expect((got.LIST as Rec[]).map((i) => i.VALUE)).toEqual(["Small", "M", "XL"]);
    expect((got.LIST as Rec[])[1]?.ID).toBe(String(m?.id));
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.deal.userfield.get", { id: "x" }),
      "",
      "ID is not defined or invalid.",
    );
    await expectError(
      run(portal, "crm.deal.userfield.update", { id: 9, fields: {} }),
      "ERROR_NOT_FOUND",
      "The entity with ID '9' is not found",
    );
    await run(portal, "crm.lead.userfield.add", {
      fields: { FIELD_NAME: "X", USER_TYPE_ID: "string" },
    });
    await expectError(run(portal, "crm.deal.userfield.get", { id: 1 }), "ERROR_NOT_FOUND");
    await expectError(
      run(portal, "crm.lead.userfield.update", { id: 1, fields: "x" }),
      "",
      "Parameter 'fields' must be array.",
    );
  });
});

describe("crm.status", () => {
  it("lists default deal stages with semantics", async () => {
    const stages = await result<Rec[]>(portal, "crm.status.list", {
      filter: { ENTITY_ID: "DEAL_STAGE" },
    });
    expect(stages.map((s) => s.STATUS_ID)).toEqual([
      "NEW",
      "PREPARATION",
      "PREPAYMENT_INVOICE",
      "EXECUTING",
      "FINAL_INVOICE",
      "WON",
      "LOSE",
      "APOLOGY",
    ]);
    expect(stages[5]).toMatchObject({
      SEMANTICS: "S",
      EXTRA: { SEMANTICS: "success" },
      SORT: "60",
    });
    const sources = await result<Rec[]>(portal, "crm.status.list", {
      filter: { ENTITY_ID: "SOURCE" },
      order: { SORT: "DESC" },
    });
    expect(sources[0]).toMatchObject({ STATUS_ID: "OTHER" });
  });

  it("adds stages with the C<id>: prefix in other pipelines and checks the documented rules", async () => {
    await run(portal, "crm.category.add", { entityTypeId: 2, fields: { name: "Partners" } });
    const id = await result<number>(portal, "crm.status.add", {
      fields: { ENTITY_ID: "DEAL_STAGE_1", STATUS_ID: "DECISION", NAME: "Decision", SORT: 25 },
    });
    expect(portal.data.statuses.get(id)?.f.STATUS_ID).toBe("C1:DECISION");
    await expectError(
      run(portal, "crm.status.add", { fields: { NAME: "x" } }),
      "",
      "The field ENTITY_ID is required.\nThe field STATUS_ID is required.",
    );
    await expectError(
      run(portal, "crm.status.add", { fields: { ENTITY_ID: "NOPE", STATUS_ID: "X", NAME: "x" } }),
      "",
      "Specified entity type is not supported.",
    );
    await expectError(
      run(portal, "crm.status.add", { fields: { ENTITY_ID: "SOURCE", STATUS_ID: "X" } }),
      "",
      "The field Title is required.",
    );
    await expectError(
      run(portal, "crm.status.add", {
        fields: { ENTITY_ID: "SOURCE", STATUS_ID: "CALL", NAME: "Call" },
      }),
      "ERROR_CORE",
      "The specified status ID already exists.",
    );
    await expectError(
      run(portal, "crm.status.add", {
        fields: { ENTITY_ID: "DEAL_STAGE", STATUS_ID: "LATE", NAME: "Late", SORT: 65 },
      }),
      "",
      "Cannot create more stages after the final stage",
    );
  });

  it("lists dictionary types with pipeline stages", async () => {
    await run(portal, "crm.category.add", { entityTypeId: 2, fields: { name: "Partners" } });
    const types = await result<Rec[]>(portal, "crm.status.entity.types");
    expect(types.find((t) => t.ID === "STATUS")).toMatchObject({
      ENTITY_TYPE_ID: 1,
      SEMANTIC_INFO: { START_FIELD: "NEW", FINAL_SUCCESS_FIELD: "CONVERTED" },
    });
    expect(types.find((t) => t.ID === "DEAL_STAGE_1")).toMatchObject({
      PARENT_ID: "DEAL_STAGE",
      PREFIX: "C1",
      CATEGORY_ID: "1",
      SEMANTIC_INFO: { START_FIELD: "C1:NEW" },
    });
  });
});

describe("pipelines", () => {
  it("crm.category.add/list and the old crm.dealcategory.list/add", async () => {
    const { category } = await result<{ category: Rec }>(portal, "crm.category.add", {
      entityTypeId: 2,
      fields: { name: "Wholesale", sort: 100 },
    });
    expect(category).toMatchObject({
      id: 1,
      name: "Wholesale",
      sort: 100,
      entityTypeId: 2,
      isDefault: "N",
    });
    const listed = await run(portal, "crm.category.list", { entityTypeId: 2 });
    expect(listed).toMatchObject({
      result: { categories: [{ id: 1 }, { id: 0, isDefault: "Y" }] },
      total: 2,
    });
    expect(await result(portal, "crm.dealcategory.add", { fields: { NAME: "Retail" } })).toBe(2);
    const old = await result<Rec[]>(portal, "crm.dealcategory.list", { select: ["ID", "NAME"] });
    expect(old).toEqual([
      { ID: "1", NAME: "Wholesale" },
      { ID: "2", NAME: "Retail" },
    ]);
    expect(portal.data.findStatus("DEAL_STAGE_2", "C2:NEW")).toBeDefined();
  });
  it("answers the documented errors", async () => {
    await expectError(run(portal, "crm.category.list", { entityTypeId: 999 }), "NOT_FOUND");
    await expectError(
      run(portal, "crm.category.list", { entityTypeId: 1 }),
      "ENTITY_TYPE_NOT_SUPPORTED",
    );
    await expectError(
      run(portal, "crm.category.add", { entityTypeId: 2, fields: { sort: 1 } }),
      "0",
      "Field 'NAME' is required",
    );
  });
});

describe("links", () => {
  it("sets and gets deal contacts and contact companies", async () => {
    await run(portal, "crm.contact.add", { fields: { NAME: "A" } });
    await run(portal, "crm.contact.add", { fields: { NAME: "B" } });
    await run(portal, "crm.company.add", { fields: { TITLE: "Acme" } });
    await run(portal, "crm.deal.add", { fields: {} });
    expect(
      await result(portal, "crm.deal.contact.items.set", {
        id: 1,
        items: [{ CONTACT_ID: 1 }, { CONTACT_ID: 2, IS_PRIMARY: "Y" }],
      }),
    ).toBe(true);
    expect(await result(portal, "crm.deal.contact.items.get", { id: 1 })).toEqual([
      { CONTACT_ID: 1, SORT: 10, ROLE_ID: 0, IS_PRIMARY: "N" },
      { CONTACT_ID: 2, SORT: 20, ROLE_ID: 0, IS_PRIMARY: "Y" },
    ]);
    expect((await result<Rec>(portal, "crm.deal.get", { id: 1 })).CONTACT_ID).toBe("2");
    await run(portal, "crm.contact.company.items.set", { id: 1, items: [{ COMPANY_ID: 1 }] });
    expect(await result(portal, "crm.contact.company.items.get", { id: 1 })).toEqual([
      { COMPANY_ID: 1, SORT: 10, ROLE_ID: 0, IS_PRIMARY: "Y" },
    ]);
    expect(
      (await result<{ item: Rec }>(portal, "crm.item.get", { entityTypeId: 4, id: 1 })).item
        .contactIds,
    ).toEqual([1]);
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.deal.contact.items.get", { id: 0 }),
      "",
      "The parameter ownerEntityID is invalid or not defined.",
    );
    await expectError(run(portal, "crm.deal.contact.items.get", { id: 5 }), "", "Not found.");
    await run(portal, "crm.deal.add", { fields: {} });
    await expectError(
      run(portal, "crm.deal.contact.items.set", { id: 1, items: "x" }),
      "",
      "The parameter items must be array.",
    );
    await expectError(
      run(portal, "crm.deal.contact.items.set", { id: 1, items: [{ CONTACT_ID: 9 }] }),
      "ERROR_CORE",
      "The entity with ID '9' is not found.",
    );
  });
});

describe("crm.currency.list", () => {
  it("lists the portal's currencies with the base one marked", async () => {
    const { crmCurrencyMethods } = await import("./crm-currency.js");
    const { emptyPortalData } = await import("../data/generate.js");
    const method = crmCurrencyMethods[0]!;
    const data = emptyPortalData();
    const portal = {
      memberId: "m",
      domain: "d",
      kind: "cloud",
      plan: "standard",
      timeZone: "+03:00",
      data,
      access: {} as never,
    } as const;
    const out = await method.handler({
      portal,
      caller: { kind: "webhook", userId: 1, scopes: new Set(["crm"]), callerKey: "k" },
      method: "crm.currency.list",
      params: {},
      start: undefined,
      baseUrl: "http://x",
      inBatch: false,
    });
    const rows = out.result as Array<{ CURRENCY: string; BASE: string }>;
    expect(rows.map((r) => r.CURRENCY)).toContain("RUB");
    expect(rows.find((r) => r.BASE === "Y")?.CURRENCY).toBe("RUB");
    expect(out.total).toBe(rows.length);
  });
});
