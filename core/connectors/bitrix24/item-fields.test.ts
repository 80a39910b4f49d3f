import { describe, expect, it } from "vitest";
import type { TargetRecord } from "../../model/canonical.js";
import { toItemFields } from "./item-fields.js";

const create = (fields: TargetRecord["fields"]): TargetRecord => ({ sourceId: "s1", fields });
const update = (fields: TargetRecord["fields"]): TargetRecord => ({
  sourceId: "s1",
  targetId: "7",
  fields,
});

describe("crm.item fields of a target record", () => {
  it("renames system fields, keeps UF_* names and stamps the origin on create", () => {
    const fields = toItemFields(
      "deals",
      create({
        TITLE: "Supply",
        CATEGORY_ID: "3",
        STAGE_ID: "C3:NEW",
        OPPORTUNITY: { amount: 1500.5, currency: "USD" },
        CONTACT_IDS: ["4", "5"],
        ASSIGNED_BY_ID: "2",
        OPENED: true,
        UF_CRM_1720019876534: ["a", "b"],
        UF_CRM_FLAG: false,
        PARENT_ID_1220: "9",
      }),
      "pereezd:m1",
    );
    expect(fields).toEqual({
      title: "Supply",
      categoryId: "3",
      stageId: "C3:NEW",
      opportunity: 1500.5,
      currencyId: "USD",
      contactIds: ["4", "5"],
      assignedById: "2",
      opened: "Y",
      UF_CRM_1720019876534: ["a", "b"],
      UF_CRM_FLAG: 0,
      parentId1220: "9",
      originatorId: "pereezd:m1",
      originId: "s1",
    });
  });

  it.each([
    ["leads", "STATUS_ID", "stageId"],
    ["companies", "COMPANY_TYPE", "typeId"],
    ["contacts", "COMPANY_IDS", "companyIds"],
    ["contacts", "SECOND_NAME", "secondName"],
    ["leads", "STATUS_DESCRIPTION", "statusDescription"],
    ["deals", "IS_RECURRING", "isRecurring"],
  ] as const)("%s %s → %s", (entity, code, name) => {
    expect(toItemFields(entity, update({ [code]: "x" }), null)).toEqual({ [name]: "x" });
  });

  it("sends multi-fields as fm: a list on create, new `n…` entries on update", () => {
    const phones = [
      { value: "+7 900 1", kind: "mobile" },
      { value: "+7 900 2", kind: "FAX" },
    ];
    const email = [{ value: "a@b.c", kind: "SPAM" }];
    expect(toItemFields("contacts", create({ PHONE: phones, EMAIL: email }), null)).toEqual({
      fm: [
        { typeId: "PHONE", valueType: "MOBILE", value: "+7 900 1" },
        { typeId: "PHONE", valueType: "FAX", value: "+7 900 2" },
        { typeId: "EMAIL", valueType: "OTHER", value: "a@b.c" },
      ],
    });
    expect(toItemFields("contacts", update({ PHONE: phones, EMAIL: null }), null)).toEqual({
      fm: {
        n0: { typeId: "PHONE", valueType: "MOBILE", value: "+7 900 1" },
        n1: { typeId: "PHONE", valueType: "FAX", value: "+7 900 2" },
      },
    });
  });

  it("clears on update as the legacy fields do, and leaves a deal's pipeline alone", () => {
    expect(
      toItemFields("deals", update({ COMMENTS: null, CATEGORY_ID: "3", STAGE_ID: "C3:WON" }), "t"),
    ).toEqual({ comments: "", stageId: "C3:WON" });
  });

  it.each([
    ["an address, which crm.item cannot write", "contacts", create({ ADDRESS_CITY: "Omsk" })],
    ["a read-only link", "deals", create({ LEAD_ID: "3" })],
    ["a photo", "contacts", create({ PHOTO: { name: "p.png", contentBase64: "AA==" } })],
    ["a file in a user field", "deals", create({ UF_CRM_DOC: [{ name: "a", contentBase64: "" }] })],
    ["a multi-field on a deal", "deals", create({ PHONE: [{ value: "1", kind: "WORK" }] })],
    ["a field of another entity", "contacts", create({ TITLE: "x" })],
    ["a create-only field on update", "companies", update({ IS_MY_COMPANY: true })],
  ] as const)("has no item form with %s", (_what, entity, record) => {
    expect(toItemFields(entity, record, "t")).toBeNull();
  });
});
