import { beforeEach, describe, expect, it } from "vitest";
import type { Portal } from "../portal.js";
import { BASE_URL, expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(async () => {
  portal = testPortal();
  await run(portal, "crm.contact.add", {
    fields: {
      NAME: "Ann",
      PHONE: [{ VALUE: "+7 (900) 111-22-33" }],
      EMAIL: [{ VALUE: "Ann@Example.com" }],
    },
  });
  await run(portal, "crm.deal.add", { fields: { CONTACT_IDS: [1] } });
});

const call = (over: Rec = {}): Rec => ({
  OWNER_TYPE_ID: 3,
  OWNER_ID: 1,
  TYPE_ID: 2,
  SUBJECT: "Call",
  RESPONSIBLE_ID: 1,
  COMMUNICATIONS: [{ VALUE: "+79001112233", ENTITY_ID: 1, ENTITY_TYPE_ID: 3 }],
  START_TIME: "2025-03-01T10:00:00+03:00",
  COMPLETED: "Y",
  DIRECTION: 1,
  ORIGIN_ID: "ext-1",
  ...over,
});

describe("crm.activity.add/get/list", () => {
  it("adds a call and reads it back with strings and communications", async () => {
    const id = await result<number>(portal, "crm.activity.add", { fields: call() });
    const got = await result<Rec>(portal, "crm.activity.get", { id });
    expect(got).toMatchObject({
      ID: "1",
      OWNER_ID: "1",
      OWNER_TYPE_ID: "3",
      TYPE_ID: "2",
      PROVIDER_ID: "VOXIMPLANT_CALL",
      SUBJECT: "Call",
      START_TIME: "2025-03-01T10:00:00+03:00",
      COMPLETED: "Y",
      STATUS: "2",
      DIRECTION: "1",
      ORIGIN_ID: "ext-1",
      SETTINGS: [],
      COMMUNICATIONS: [
        { ID: "1", TYPE: "PHONE", VALUE: "+79001112233", ENTITY_ID: "1", ENTITY_TYPE_ID: "3" },
      ],
    });
  });

  it.each<[string, Rec, string]>([
    ["a bad TYPE_ID", { TYPE_ID: 99 }, "The field TYPE_ID is not defined or invalid."],
    ["an empty SUBJECT", { SUBJECT: " " }, "The field SUBJECT is not defined or empty."],
    [
      "an unknown responsible",
      { RESPONSIBLE_ID: 77 },
      "The field RESPONSIBLE_ID is not defined or invalid.",
    ],
    [
      "no communications",
      { COMMUNICATIONS: [] },
      "The field COMMUNICATIONS is not defined or invalid.",
    ],
    [
      "two communications on a call",
      { COMMUNICATIONS: [{ VALUE: "1" }, { VALUE: "2" }] },
      "The only one communication is allowed",
    ],
    [
      "no owner anywhere",
      { OWNER_TYPE_ID: undefined, OWNER_ID: undefined, COMMUNICATIONS: [{ VALUE: "1" }] },
      "Could not build binding.",
    ],
    ["a missing owner", { OWNER_ID: 42 }, "Could not find 'CONTACT' with ID: 42"],
    ["a bad date", { START_TIME: "tomorrow" }, "The field START_TIME is not defined or invalid."],
  ])("refuses %s", async (_n, over, text) => {
    await expectError(run(portal, "crm.activity.add", { fields: call(over) }), "", text);
  });

  it("lists by BINDINGS, selects COMMUNICATIONS and FILES only when asked", async () => {
    await run(portal, "crm.activity.add", {
      fields: call({ FILES: [{ fileData: ["note.txt", Buffer.from("hi").toString("base64")] }] }),
    });
    await run(portal, "crm.activity.add", {
      fields: call({
        OWNER_TYPE_ID: 2,
        OWNER_ID: 1,
        SUBJECT: "Deal call",
        START_TIME: "2025-02-01T10:00:00+03:00",
      }),
    });
    const all = await run(portal, "crm.activity.list", {});
    expect((all.result as Rec[]).map((a) => a.SUBJECT)).toEqual(["Deal call", "Call"]);
    expect((all.result as Rec[])[0]).not.toHaveProperty("COMMUNICATIONS");
    const bound = await result<Rec[]>(portal, "crm.activity.list", {
      filter: { BINDINGS: [{ OWNER_TYPE_ID: 3, OWNER_ID: 1 }] },
      select: ["ID", "FILES"],
    });
    expect(bound).toEqual([
      {
        ID: "1",
        FILES: [{ id: 1, url: expect.stringContaining(`${BASE_URL}/rest/download.json?token=`) }],
      },
    ]);
    expect(
      await result<Rec[]>(portal, "crm.activity.list", {
        filter: { ORIGIN_ID: "ext-1", TYPE_ID: 2 },
        select: ["ID"],
      }),
    ).toHaveLength(2);
  });

  it("get: unknown id", async () => {
    await expectError(run(portal, "crm.activity.get", { id: 9 }), "", "Activity is not found");
  });
});

describe("crm.activity.todo.add", () => {
  it("adds a to-do and answers {id}", async () => {
    expect(
      await result(portal, "crm.activity.todo.add", {
        ownerTypeId: 2,
        ownerId: 1,
        deadline: "2026-02-03T15:00:00",
        title: "Call back",
      }),
    ).toEqual({ id: 1 });
    expect(portal.data.activities.get(1)?.f).toMatchObject({
      TYPE_ID: 6,
      PROVIDER_ID: "CRM_TODO",
      SUBJECT: "Call back",
    });
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.activity.todo.add", { ownerTypeId: 2, ownerId: 1 }),
      "100",
      "{deadline}",
    );
    await expectError(
      run(portal, "crm.activity.todo.add", { ownerTypeId: 2, ownerId: 9, deadline: "2026-02-03" }),
      "OWNER_NOT_FOUND",
    );
    await expectError(
      run(portal, "crm.activity.todo.add", { ownerTypeId: 2, ownerId: 1, deadline: "soon" }),
      "WRONG_DATETIME_FORMAT",
    );
  });
});

describe("crm.timeline.comment", () => {
  it("adds and lists comments of one record", async () => {
    const id = await result<number>(portal, "crm.timeline.comment.add", {
      fields: {
        ENTITY_ID: 1,
        ENTITY_TYPE: "deal",
        COMMENT: "Hello",
        FILES: [["a.txt", Buffer.from("x").toString("base64")]],
      },
    });
    await run(portal, "crm.timeline.comment.add", {
      fields: { ENTITY_ID: 1, ENTITY_TYPE: "contact", COMMENT: "Other" },
    });
    const list = await run(portal, "crm.timeline.comment.list", {
      filter: { ENTITY_ID: 1, ENTITY_TYPE: "deal" },
    });
    expect(list.total).toBe(1);
    const [row] = list.result as Rec[];
    expect(row).toMatchObject({
      ID: String(id),
      ENTITY_ID: "1",
      ENTITY_TYPE: "deal",
      COMMENT: "Hello",
      AUTHOR_ID: "1",
    });
    expect(Object.values(row?.FILES as Rec)[0]).toMatchObject({ name: "a.txt", size: 1 });
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.timeline.comment.add", {
        FIELDS: { ENTITY_ID: 1, ENTITY_TYPE: "deal", COMMENT: "x" },
      }),
      "100",
    );
    await expectError(
      run(portal, "crm.timeline.comment.add", {
        fields: { ENTITY_ID: 5, ENTITY_TYPE: "deal", COMMENT: "x" },
      }),
      "NOT_FOUND",
    );
    await expectError(
      run(portal, "crm.timeline.comment.add", {
        fields: { ENTITY_ID: 1, ENTITY_TYPE: "deal", COMMENT: " " },
      }),
      "INVALID_ARG_VALUE",
      "Empty comment",
    );
    await expectError(run(portal, "crm.timeline.comment.list", { filter: {} }), "");
  });
});

describe("crm.duplicate.findbycomm", () => {
  it("finds by phone digits and by e-mail case-insensitively", async () => {
    await run(portal, "crm.lead.add", { fields: { PHONE: [{ VALUE: "8 900 111 22 33" }] } });
    expect(
      await result(portal, "crm.duplicate.findbycomm", {
        type: "PHONE",
        values: ["+7 900 111-22-33"],
      }),
    ).toEqual({ LEAD: [1], CONTACT: [1] });
    expect(
      await result(portal, "crm.duplicate.findbycomm", {
        type: "EMAIL",
        values: ["ann@example.com"],
        entity_type: "CONTACT",
      }),
    ).toEqual({ CONTACT: [1] });
    expect(
      await result(portal, "crm.duplicate.findbycomm", {
        type: "EMAIL",
        values: ["nobody@example.com"],
      }),
    ).toEqual([]);
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "crm.duplicate.findbycomm", { values: ["1"] }),
      "",
      "Communication type is not defined",
    );
    await expectError(
      run(portal, "crm.duplicate.findbycomm", { type: "FAX", values: ["1"] }),
      "",
      "Communication type 'FAX' is not supported in current context",
    );
    await expectError(
      run(portal, "crm.duplicate.findbycomm", { type: "PHONE" }),
      "",
      "Communication values is not defined",
    );
  });
});
