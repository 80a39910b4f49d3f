import { describe, expect, it } from "vitest";
import { answer, makeTestPortal } from "./test-kit.js";

describe("REST envelope", () => {
  it("answers result, next, total and a time block with operating", async () => {
    const t = makeTestPortal();
    const { status, body, response } = await t.call("crm.fake.list", { start: 0 });
    expect(status).toBe(200);
    expect(response.headers.get("content-type")).toBe("application/json; charset=utf-8");
    expect(response.headers.get("access-control-allow-origin")).toBe("*");
    expect(body).toMatchObject({ next: 50, total: 120 });
    expect(body.result).toHaveLength(50);
    const start = t.clock.now() / 1000;
    expect(body.time).toEqual({
      start,
      finish: start,
      duration: 0,
      processing: 0,
      date_start: "2026-01-15T12:00:00+03:00",
      date_finish: "2026-01-15T12:00:00+03:00",
      operating_reset_at: start + 600,
      operating: 2,
    });
    expect(Object.keys(body)).toEqual(["result", "next", "total", "time"]);
  });

  it("omits next on the last page and total when start=-1", async () => {
    const t = makeTestPortal();
    expect((await t.call("crm.fake.list", { start: 100 })).body).not.toHaveProperty("next");
    const noCount = (await t.call("crm.fake.list", { start: -1 })).body;
    expect(noCount).not.toHaveProperty("next");
    expect(noCount).not.toHaveProperty("total");
  });

  it("shows operating 0 without a reset time for free methods, and none on a box", async () => {
    expect((await makeTestPortal().call("server.time")).body.time).toMatchObject({ operating: 0 });
    expect((await makeTestPortal().call("server.time")).body.time).not.toHaveProperty(
      "operating_reset_at",
    );
    expect(
      (await makeTestPortal({ kind: "box" }).call("crm.fake.list")).body.time,
    ).not.toHaveProperty("operating");
  });

  it("reads GET query strings and is case-insensitive about methods; tolerates //", async () => {
    const t = makeTestPortal();
    const response = await t.http.request(
      `http://127.0.0.1:8101/rest//1/${t.webhook.code}//ECHO.json?filter[>ID]=10&select[]=ID&start=5`,
    );
    const { body } = await answer(response);
    expect(body.result).toEqual({ params: { filter: { ">ID": "10" }, select: ["ID"] }, start: 5 });
  });

  it("answers legacy errors with an empty code and 400", async () => {
    const { status, body } = await makeTestPortal().call("crm.fake.get", { id: 999 });
    expect({ status, body }).toEqual({
      status: 400,
      body: { error: "", error_description: "Not found" },
    });
  });

  it("turns a handler bug into 500 INTERNAL_SERVER_ERROR", async () => {
    const { status, body } = await makeTestPortal().call("crm.fake.crash");
    expect(status).toBe(500);
    expect(body.error).toBe("INTERNAL_SERVER_ERROR");
  });

  it("serves the .xml transport under a <response> root", async () => {
    const t = makeTestPortal();
    const response = await t.http.request(
      `http://127.0.0.1:8101${t.hookPath}crm.fake.get.xml?id=2`,
    );
    expect(response.headers.get("content-type")).toBe("text/xml; charset=utf-8");
    const text = await response.text();
    expect(text).toMatch(
      /^<response><result><ID>2<\/ID><TITLE>Deal 2<\/TITLE><\/result><time><start>/,
    );
  });

  it("answers 404 ERROR_METHOD_NOT_FOUND before checking credentials", async () => {
    const t = makeTestPortal();
    for (const path of [t.hookPath, "/rest/1/wrongcode/", "/rest/", "/rest/api/1/x/"]) {
      const { status, body } = await t.call("no.such.method", {}, path);
      expect({ status, body }).toEqual({
        status: 404,
        body: { error: "ERROR_METHOD_NOT_FOUND", error_description: "Method not found!" },
      });
    }
  });

  it("answers a plain 404 outside /rest/ and /oauth/", async () => {
    const response = await makeTestPortal().http.request("http://127.0.0.1:8101/crm/deal/");
    expect(response.status).toBe(404);
  });
});

describe("authentication errors", () => {
  it("401 INVALID_CREDENTIALS for a wrong code or user", async () => {
    const t = makeTestPortal();
    for (const path of [`/rest/1/${t.webhook.code}x/`, `/rest/2/${t.webhook.code}/`]) {
      const { status, body } = await t.call("crm.fake.list", {}, path);
      expect({ status, body }).toEqual({
        status: 401,
        body: { error: "INVALID_CREDENTIALS", error_description: "Invalid request credentials" },
      });
    }
  });

  it("401 NO_AUTH_FOUND without credentials, invalid_token for an unknown token", async () => {
    const t = makeTestPortal();
    expect((await t.call("crm.fake.list", {}, "/rest/")).body).toEqual({
      error: "NO_AUTH_FOUND",
      error_description: "Wrong authorization data",
    });
    const unknown = await t.call("crm.fake.list", { auth: "nope" }, "/rest/");
    expect([unknown.status, unknown.body.error]).toEqual([401, "invalid_token"]);
  });

  it("accepts the token as auth, access_token or Bearer, and expires it", async () => {
    const t = makeTestPortal();
    const token = t.tokens.accessToken;
    expect((await t.call("crm.fake.list", { auth: token }, "/rest/")).status).toBe(200);
    expect((await t.call("crm.fake.list", { access_token: token }, "/rest/")).status).toBe(200);
    const bearer = await t.http.request("http://127.0.0.1:8101/rest/crm.fake.list", {
      headers: { Authorization: `Bearer ${token}` },
    });
    expect(bearer.status).toBe(200);
    expect(bearer.headers.get("x-bitrix-rest-application")).toBe(t.app.clientId);
    t.clock.advance(3600_000);
    const expired = await t.call("crm.fake.list", { auth: token }, "/rest/");
    expect({ status: expired.status, body: expired.body }).toEqual({
      status: 401,
      body: { error: "expired_token", error_description: "The access token provided has expired" },
    });
  });

  it("401 insufficient_scope for a method outside the webhook's scopes", async () => {
    const t = makeTestPortal({ webhookScopes: ["user"] });
    const { status, body } = await t.call("crm.fake.list");
    expect({ status, body }).toEqual({
      status: 401,
      body: {
        error: "insufficient_scope",
        error_description:
          "The request requires higher privileges than provided by the webhook token",
      },
    });
    expect((await t.call("user.fake.get")).status).toBe(200);
    expect((await t.call("server.time")).status).toBe(200);
  });

  it("403 WRONG_AUTH_TYPE for an app-context method called by webhook", async () => {
    const t = makeTestPortal();
    const hook = await t.call("telephony.externalCall.register");
    expect({ status: hook.status, error: hook.body.error }).toEqual({
      status: 403,
      error: "WRONG_AUTH_TYPE",
    });
    const app = await t.call(
      "telephony.externalcall.register",
      { auth: t.tokens.accessToken },
      "/rest/",
    );
    expect(app.body.result).toEqual({ CALL_ID: "externalCall.1" });
  });

  it("401 authorization_error once the webhook's user is deactivated", async () => {
    const t = makeTestPortal();
    const user = t.portal.data.users.get(1);
    if (user) user.f.ACTIVE = "N";
    const { status, body } = await t.call("server.time");
    expect({ status, body }).toEqual({
      status: 401,
      body: { error: "authorization_error", error_description: "Unable to authorize user" },
    });
  });

  it("counts refusals and commands", async () => {
    const t = makeTestPortal();
    await t.call("crm.fake.list");
    await t.call("crm.fake.list", {}, "/rest/");
    expect(t.runtime.stats.snapshot()).toMatchObject({
      httpRequests: 2,
      commands: 1,
      authRejections: 1,
    });
  });
});
