import { beforeEach, describe, expect, it } from "vitest";
import { addUser } from "../data/empty-portal.js";
import { addUserField } from "../data/user-fields.js";
import type { Portal } from "../portal.js";
import { expectError, FIXED_NOW, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(() => {
  portal = testPortal();
  addUserField(portal.data, "contact", {
    fieldName: "UF_CRM_1720019876534",
    userTypeId: "boolean",
    label: "VIP",
  });
  addUserField(portal.data, "contact", {
    fieldName: "SEGMENT",
    userTypeId: "enumeration",
    label: "Segment",
    list: [{ value: "A" }, { value: "B" }],
  });
});

describe("crm.item add/get/update/delete", () => {
  it("adds a contact with fm and camelCase user fields and answers typed values", async () => {
    const { item } = await result<{ item: Rec }>(portal, "crm.item.add", {
      entityTypeId: 3,
      fields: {
        name: "Ann",
        lastName: "Lee",
        ufCrm_1720019876534: "Y",
        fm: [{ typeId: "PHONE", valueType: "WORK", value: "+7 900 1" }],
      },
    });
    expect(item).toMatchObject({
      id: 1,
      name: "Ann",
      lastName: "Lee",
      assignedById: 1,
      companyId: 0,
      opened: "Y",
      hasPhone: "Y",
      ufCrm_1720019876534: "Y",
      entityTypeId: 3,
    });
    expect(item.createdTime).toMatch(/\+03:00$/);
    expect(item.fm).toEqual([
      { id: expect.any(Number), valueType: "WORK", value: "+7 900 1", typeId: "PHONE" },
    ]);
    const original = await result<{ item: Rec }>(portal, "crm.item.get", {
      entityTypeId: 3,
      id: 1,
      useOriginalUfNames: "Y",
    });
    expect(original.item).toHaveProperty("UF_CRM_1720019876534", "Y");
  });

  it("updates fm by id and deletes with an empty value", async () => {
    await run(portal, "crm.item.add", {
      entityTypeId: 3,
      fields: { name: "A", fm: [{ typeId: "EMAIL", value: "a@example.com" }] },
    });
    const fmId = (
      (await result<{ item: Rec }>(portal, "crm.item.get", { entityTypeId: 3, id: 1 })).item
        .fm as Rec[]
    )[0]?.id as number;
    const updated = await result<{ item: Rec }>(portal, "crm.item.update", {
      entityTypeId: 3,
      id: 1,
      fields: { fm: { [fmId]: { value: "" }, n0: { typeId: "PHONE", value: "+1" } } },
    });
    expect(updated.item.fm).toEqual([expect.objectContaining({ typeId: "PHONE", value: "+1" })]);
    expect(updated.item.hasEmail).toBe("N");
  });

  it("maps lead stageId and deal contactIds", async () => {
    const lead = await result<{ item: Rec }>(portal, "crm.item.add", {
      entityTypeId: 1,
      fields: { title: "L", stageId: "IN_PROCESS" },
    });
    expect(lead.item).toMatchObject({ stageId: "IN_PROCESS", stageSemanticId: "P" });
    await run(portal, "crm.item.add", { entityTypeId: 3, fields: { name: "C" } });
    const deal = await result<{ item: Rec }>(portal, "crm.item.add", {
      entityTypeId: 2,
      fields: { contactIds: [1], opportunity: 999.9 },
    });
    expect(deal.item).toMatchObject({
      contactIds: [1],
      contactId: 1,
      opportunity: 999.9,
      categoryId: 0,
      stageId: "NEW",
    });
  });

  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.item.get", { entityTypeId: 128, id: 1 }),
      "NOT_FOUND",
      "Smart process not found",
    );
    await expectError(
      run(portal, "crm.item.get", { entityTypeId: 2, id: 5 }),
      "NOT_FOUND",
      "Element not found",
    );
    await expectError(
      run(portal, "crm.item.add", { entityTypeId: 4, fields: {} }),
      "CRM_FIELD_ERROR_REQUIRED",
      'The "Company Name" field is required',
    );
    await expectError(
      run(portal, "crm.item.add", { entityTypeId: 3, fields: { name: "A", ufCrmSegment: 999 } }),
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
      'Invalid value for field "Segment"',
    );
    await expectError(
      run(portal, "crm.item.add", { entityTypeId: 2, fields: { stageId: "NOPE" } }),
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
    );
  });

  it("deletes with an empty array result", async () => {
    await run(portal, "crm.item.add", { entityTypeId: 4, fields: { title: "X" } });
    expect(await result(portal, "crm.item.delete", { entityTypeId: 4, id: 1 })).toEqual([]);
  });
});

describe("crm.item.list", () => {
  beforeEach(async () => {
    for (let i = 1; i <= 60; i++) {
      await run(portal, "crm.item.add", {
        entityTypeId: 3,
        fields: {
          name: `N${i}`,
          ufCrm_1720019876534: i % 2 ? "Y" : "N",
          fm: [{ typeId: "PHONE", value: `+7${i}` }],
        },
      });
    }
  });
  it("returns {items}, total, next; fm only with *; start is an exact offset", async () => {
    const page = await run(
      portal,
      "crm.item.list",
      { entityTypeId: 3, select: ["id", "name"] },
      { start: 55 },
    );
    expect(page.result).toEqual({
      items: [
        { id: 56, name: "N56" },
        { id: 57, name: "N57" },
        { id: 58, name: "N58" },
        { id: 59, name: "N59" },
        { id: 60, name: "N60" },
      ],
    });
    expect(page.total).toBe(60);
    const first = await run(portal, "crm.item.list", { entityTypeId: 3, select: ["*"] });
    expect(first.next).toBe(50);
    expect(((first.result as { items: Rec[] }).items[0] as Rec).fm).toHaveLength(1);
  });
  it("filters boolean user fields with 1/0 and pages by >id", async () => {
    const vip = await run(
      portal,
      "crm.item.list",
      { entityTypeId: 3, filter: { ufCrm_1720019876534: 1, ">id": 50 }, select: ["id"] },
      { start: -1 },
    );
    expect((vip.result as { items: Rec[] }).items.map((i) => i.id)).toEqual([51, 53, 55, 57, 59]);
    expect(vip.total).toBe(0);
  });
  it("refuses unknown filter and order fields with INVALID_ARG_VALUE", async () => {
    await expectError(
      run(portal, "crm.item.list", { entityTypeId: 3, filter: { NOPE: 1 } }),
      "INVALID_ARG_VALUE",
      "Invalid filter: field 'NOPE' is not allowed in filter",
    );
    await expectError(
      run(portal, "crm.item.list", { entityTypeId: 3, order: { id: "UP" } }),
      "INVALID_ARG_VALUE",
      "allowed sort directions",
    );
  });
  it("describes fields with upperName", async () => {
    const { fields } = await result<{ fields: Record<string, Rec> }>(portal, "crm.item.fields", {
      entityTypeId: 3,
    });
    expect(fields.createdTime).toMatchObject({
      type: "datetime",
      isReadOnly: true,
      upperName: "CREATED_TIME",
    });
    expect(fields.ufCrm_1720019876534).toMatchObject({
      type: "boolean",
      upperName: "UF_CRM_1720019876534",
    });
  });
});

describe("crm.item.import / batchImport", () => {
  const day = 86_400_000;
  const iso = (ms: number) => new Date(ms).toISOString();

  it("keeps history fields for an administrator", async () => {
    const created = FIXED_NOW - 100 * day;
    const res = await result<{ item: Rec }>(portal, "crm.item.import", {
      entityTypeId: 2,
      fields: {
        title: "Old",
        createdTime: iso(created),
        updatedTime: iso(created + day),
        createdBy: 1,
      },
    });
    expect(res).toEqual({ item: { id: 1 } });
    expect(portal.data.crm.deal.get(1)?.f).toMatchObject({
      DATE_CREATE: created,
      DATE_MODIFY: created + day,
    });
  });

  it.each<[string, Rec]>([
    ["future createdTime", { createdTime: "2030-01-01T00:00:00+00:00" }],
    [
      "updatedTime before createdTime",
      { createdTime: "2024-01-02T00:00:00Z", updatedTime: "2024-01-01T00:00:00Z" },
    ],
    [
      "movedTime outside",
      {
        createdTime: "2024-01-02T00:00:00Z",
        updatedTime: "2024-01-03T00:00:00Z",
        movedTime: "2024-02-01T00:00:00Z",
      },
    ],
  ])("refuses %s", async (_n, fields) => {
    await expectError(
      run(portal, "crm.item.import", { entityTypeId: 2, fields }),
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
    );
  });

  it("refuses an older createdTime than already imported items and history from non-admins", async () => {
    await run(portal, "crm.item.import", {
      entityTypeId: 1,
      fields: { createdTime: "2024-05-01T00:00:00Z" },
    });
    await expectError(
      run(portal, "crm.item.import", {
        entityTypeId: 1,
        fields: { createdTime: "2024-04-01T00:00:00Z" },
      }),
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
    );
    const user = addUser(portal.data, {
      name: "U",
      lastName: "V",
      email: "u@example.com",
      departments: [1],
    });
    await expectError(
      run(
        portal,
        "crm.item.import",
        { entityTypeId: 1, fields: { createdTime: "2024-06-01T00:00:00Z" } },
        { userId: user.id },
      ),
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
    );
  });

  it("batchImport answers per row and refuses more than 20", async () => {
    const res = await result<{ items: Rec[] }>(portal, "crm.item.batchImport", {
      entityTypeId: 4,
      data: [{ title: "A" }, { comments: "no title" }, { title: "B" }],
    });
    expect(res.items).toEqual([
      { item: { id: 1 } },
      {
        error: "CRM_FIELD_ERROR_REQUIRED",
        error_description: 'The "Company Name" field is required',
      },
      { item: { id: 2 } },
    ]);
    await expectError(
      run(portal, "crm.item.batchImport", {
        entityTypeId: 4,
        data: Array.from({ length: 21 }, () => ({ title: "x" })),
      }),
      "MAX_IMPORT_BATCH_SIZE_EXCEEDED",
    );
  });
});
