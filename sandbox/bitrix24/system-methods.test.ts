import { describe, expect, it } from "vitest";
import { addFile, downloadUrl } from "./data/files.js";
import { answer, makeTestPortal } from "./test-kit.js";

describe("system methods", () => {
  it("server.time answers ISO-8601 in the portal's offset", async () => {
    const { body } = await makeTestPortal().call("server.time");
    expect(body.result).toBe("2026-01-15T12:00:00+03:00");
  });

  it("scope lists the caller's scopes, or all with full", async () => {
    const t = makeTestPortal({ webhookScopes: ["crm", "task"] });
    expect((await t.call("scope")).body.result).toEqual(["crm"]);
    expect((await t.call("scope", { full: true })).body.result).toEqual([
      "crm",
      "user",
      "telephony",
    ]);
  });

  it("methods lists basic methods plus the caller's scopes, or one scope", async () => {
    const t = makeTestPortal({ webhookScopes: ["user"] });
    const own = (await t.call("methods")).body.result as string[];
    expect(own).toContain("batch");
    expect(own).toContain("user.fake.get");
    expect(own).not.toContain("crm.fake.list");
    expect((await t.call("methods", { scope: "crm" })).body.result).toEqual([
      "crm.fake.list",
      "crm.fake.add",
      "crm.fake.get",
      "crm.fake.crash",
    ]);
    expect((await t.call("methods", { full: "Y" })).body.result).toContain("crm.fake.list");
    expect((await t.call("method.get", { name: "CRM.fake.list" })).body.result).toEqual({
      isExisting: true,
      isAvailable: false,
    });
  });

  it("profile describes the calling user", async () => {
    const { body } = await makeTestPortal().call("profile");
    expect(body.result).toEqual({
      ID: "1",
      ADMIN: true,
      NAME: "Anna",
      LAST_NAME: "Petrova",
      PERSONAL_GENDER: "F",
      TIME_ZONE: "",
      TIME_ZONE_OFFSET: 10800,
    });
  });

  it("app.info tells a webhook its scopes and an app its client id", async () => {
    const t = makeTestPortal();
    expect((await t.call("app.info")).body.result).toEqual({
      SCOPE: ["crm", "user", "telephony"],
      LICENSE: "en_pro",
    });
    const app = await t.call("app.info", { auth: t.tokens.accessToken }, "/rest/");
    expect(app.body.result).toMatchObject({ CODE: t.app.clientId, STATUS: "L", INSTALLED: true });
  });
});

describe("download links", () => {
  it("serves a signed file without auth, refuses a bad token and a missing User-Agent", async () => {
    const t = makeTestPortal();
    const file = addFile(t.portal.data, {
      name: "call.mp3",
      bytes: new Uint8Array([1, 2, 3]),
      createdBy: 1,
    });
    const url = downloadUrl(t.portal.data, "http://127.0.0.1:8101", file.id);
    const ok = await t.http.request(url, { headers: { "User-Agent": "pereezd/1.0" } });
    expect(ok.status).toBe(200);
    expect(ok.headers.get("content-disposition")).toContain('filename="call.mp3"');
    expect(new Uint8Array(await ok.arrayBuffer())).toEqual(new Uint8Array([1, 2, 3]));
    expect((await t.http.request(url)).status).toBe(404);
    const forged = await t.http.request(`${url}x`, { headers: { "User-Agent": "pereezd/1.0" } });
    expect(forged.status).toBe(404);
  });

  it("accepts a call record on an attachRecord upload link", async () => {
    const t = makeTestPortal();
    const response = await t.http.request("http://127.0.0.1:8101/rest/upload.json?token=bad", {
      method: "POST",
      body: new Uint8Array([1, 2]),
    });
    expect([response.status, (await answer(response)).body.error]).toEqual([
      404,
      "ERROR_NOT_FOUND",
    ]);
  });
});
