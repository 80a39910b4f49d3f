import { beforeEach, describe, expect, it } from "vitest";
import type { Portal } from "../portal.js";
import { downloadFile, uploadCallRecord } from "./index.js";
import { expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(async () => {
  portal = testPortal();
  await run(portal, "crm.contact.add", {
    fields: { NAME: "Ann", PHONE: [{ VALUE: "+7 900 111-22-33" }] },
  });
});

const oauth = { kind: "oauth" as const };

async function registerAndFinish(extra: Rec = {}): Promise<string> {
  const reg = await result<Rec>(
    portal,
    "telephony.externalCall.register",
    {
      USER_ID: 1,
      PHONE_NUMBER: "89001112233",
      TYPE: 2,
      CALL_START_DATE: "2024-03-01T10:00:00+03:00",
      EXTERNAL_CALL_ID: "pbx-1",
      ...extra,
    },
    oauth,
  );
  await run(
    portal,
    "telephony.externalCall.finish",
    { CALL_ID: reg.CALL_ID, USER_ID: 1, DURATION: 95, VOTE: 5 },
    oauth,
  );
  return String(reg.CALL_ID);
}

describe("external calls", () => {
  it("register finds the client by phone; finish logs statistics and a call activity", async () => {
    const reg = await result<Rec>(
      portal,
      "telephony.externalCall.register",
      {
        USER_ID: 1,
        PHONE_NUMBER: "89001112233",
        TYPE: 2,
        CALL_START_DATE: "2024-03-01T10:00:00+03:00",
      },
      oauth,
    );
    expect(reg).toMatchObject({
      CALL_ID: expect.stringMatching(/^externalCall\.[0-9a-f]{32}\.\d+$/),
      CRM_ENTITY_TYPE: "CONTACT",
      CRM_ENTITY_ID: 1,
      CRM_CREATED_LEAD: null,
      CRM_CREATED_ENTITIES: [],
    });
    const again = await result<Rec>(
      portal,
      "telephony.externalCall.register",
      { USER_ID: 1, PHONE_NUMBER: "89001112233", TYPE: 2 },
      oauth,
    );
    expect(again.CALL_ID).toBe(reg.CALL_ID);
    const fin = await result<Rec>(
      portal,
      "telephony.externalCall.finish",
      { CALL_ID: reg.CALL_ID, USER_ID: 1, DURATION: 95 },
      oauth,
    );
    expect(fin).toMatchObject({
      CALL_ID: reg.CALL_ID,
      CALL_DURATION: 95,
      CALL_FAILED_CODE: "200",
      CRM_ENTITY_TYPE: "CONTACT",
      CRM_ACTIVITY_ID: 1,
      ID: 1,
    });
    expect(portal.data.activities.get(1)?.f).toMatchObject({
      TYPE_ID: 2,
      DIRECTION: 1,
      START_TIME: Date.parse("2024-03-01T07:00:00Z"),
    });
    const stats = await result<Rec[]>(portal, "voximplant.statistic.get", {
      FILTER: { CRM_ENTITY_ID: 1 },
    });
    expect(stats[0]).toMatchObject({
      ID: "1",
      CALL_DURATION: "95",
      CALL_START_DATE: "2024-03-01T10:00:00+03:00",
      CALL_TYPE: "2",
      RECORD_FILE_ID: null,
    });
  });

  it("creates a lead with CRM_CREATE=1 for an unknown number", async () => {
    const reg = await result<Rec>(
      portal,
      "telephony.externalCall.register",
      { USER_ID: 1, PHONE_NUMBER: "+44 20 7946 0000", TYPE: 1, CRM_CREATE: 1 },
      oauth,
    );
    expect(reg).toMatchObject({
      CRM_CREATED_LEAD: 1,
      CRM_ENTITY_TYPE: "LEAD",
      CRM_CREATED_ENTITIES: [{ ENTITY_TYPE: "LEAD", ENTITY_ID: 1 }],
    });
  });

  it("answers the documented errors", async () => {
    const reg = (p: Rec) =>
      run(
        portal,
        "telephony.externalCall.register",
        { PHONE_NUMBER: "123456", TYPE: 1, USER_ID: 1, ...p },
        oauth,
      );
    await expectError(
      reg({ USER_ID: undefined }),
      "ERROR_CORE",
      "USER_ID or USER_PHONE_INNER should be set.",
    );
    await expectError(reg({ USER_ID: 9 }), "ERROR_CORE", "User is not found or is not active.");
    await expectError(reg({ TYPE: 9 }), "ERROR_CORE", "Unknown TYPE.");
    await expectError(
      reg({ CALL_START_DATE: "yesterday" }),
      "ERROR_CORE",
      "CALL_START_DATE should be in the ISO-8601 format.",
    );
    await expectError(reg({ PHONE_NUMBER: "x" }), "ERROR_CORE", "Unsupported phone number format.");
    await expectError(
      run(portal, "telephony.externalCall.finish", { CALL_ID: 5, USER_ID: 1 }, oauth),
      "INVALID_ARGUMENT",
    );
    await expectError(
      run(portal, "telephony.externalCall.finish", { CALL_ID: "nope", USER_ID: 1 }, oauth),
      "ERROR_CORE",
      "Call is not found",
    );
  });
});

describe("records and Drive", () => {
  it("attachRecord stores the file; disk.file.get links a download", async () => {
    const callId = await registerAndFinish();
    const mp3 = Buffer.from("ID3 fake mp3").toString("base64");
    const { FILE_ID } = await result<{ FILE_ID: number }>(
      portal,
      "telephony.externalCall.attachRecord",
      { CALL_ID: callId, FILENAME: "rec.mp3", FILE_CONTENT: mp3 },
      oauth,
    );
    const stats = await result<Rec[]>(portal, "voximplant.statistic.get", {});
    expect(stats[0]?.RECORD_FILE_ID).toBe(FILE_ID);
    expect(portal.data.activities.get(1)?.files).toEqual([FILE_ID]);
    const file = await result<Rec>(portal, "disk.file.get", { id: FILE_ID });
    expect(file).toMatchObject({ ID: String(FILE_ID), NAME: "rec.mp3", SIZE: "12", TYPE: "file" });
    const token = new URL(String(file.DOWNLOAD_URL)).searchParams.get("token") ?? "";
    expect(Buffer.from(downloadFile(portal, token)?.bytes ?? []).toString()).toBe("ID3 fake mp3");
    expect(downloadFile(portal, `${token}x`)).toBeNull();
  });

  it("FILENAME alone returns an uploadUrl the HTTP layer completes", async () => {
    const callId = await registerAndFinish();
    const res = await result<Rec>(
      portal,
      "telephony.externalCall.attachRecord",
      { CALL_ID: callId, FILENAME: "rec.wav" },
      oauth,
    );
    expect(res).toMatchObject({
      uploadUrl: expect.stringContaining("/rest/upload.json?token="),
      fieldName: "file",
    });
    const token = new URL(String(res.uploadUrl)).searchParams.get("token") ?? "";
    const uploaded = uploadCallRecord(portal, token, new Uint8Array([1, 2, 3]));
    expect(portal.data.files.get(uploaded?.FILE_ID ?? 0)?.f).toMatchObject({
      NAME: "rec.wav",
      SIZE: 3,
    });
    expect(uploadCallRecord(portal, "telephony|1|x|bad", new Uint8Array())).toBeNull();
  });

  it("answers the documented attachRecord and disk errors", async () => {
    const attach = (p: Rec) => run(portal, "telephony.externalCall.attachRecord", p, oauth);
    await expectError(
      attach({ CALL_ID: "x" }),
      "ERROR_CORE",
      "Request should contain either URL or FILENAME parameter",
    );
    await expectError(
      attach({ CALL_ID: "x", FILENAME: "a.mp3" }),
      "ERROR_CORE",
      "It looks like it is not finished yet.",
    );
    const callId = await registerAndFinish();
    await expectError(
      attach({ CALL_ID: callId, FILENAME: "a.ogg", FILE_CONTENT: "AAAA" }),
      "ERROR_CORE",
      "Only wav and mp3 are allowed",
    );
    await expectError(
      attach({ CALL_ID: callId, FILENAME: "a.mp3", FILE_CONTENT: "" }),
      "ERROR_CORE",
      "File content is empty.",
    );
    await expectError(
      attach({ CALL_ID: callId, FILENAME: "a.mp3", FILE_CONTENT: "***" }),
      "ERROR_CORE",
      "Base64 encoding is expected.",
    );
    await expectError(run(portal, "disk.file.get", {}), "ERROR_ARGUMENT");
    await expectError(
      run(portal, "disk.file.get", { id: 404 }),
      "ERROR_NOT_FOUND",
      "Could not find entity with id '404'",
    );
  });
});
