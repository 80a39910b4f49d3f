import { describe, expect, it } from "vitest";
import { parseRestRequest } from "./parse-request.js";
import { parseRestPath } from "./route.js";

const URL_BASE = "http://127.0.0.1:8101/rest/crm.deal.list";

describe("parseRestRequest", () => {
  it("reads GET query parameters with bracket syntax", async () => {
    const parsed = await parseRestRequest(
      new Request(`${URL_BASE}?filter[>ID]=10&select[]=ID&start=50`),
    );
    expect(parsed).toEqual({
      params: { filter: { ">ID": "10" }, select: ["ID"] },
      start: 50,
      accessToken: undefined,
    });
  });

  it("lets a JSON body replace query keys (array_replace)", async () => {
    const request = new Request(`${URL_BASE}?a=query&b=query`, {
      method: "POST",
      headers: { "Content-Type": "application/json; charset=utf-8" },
      body: JSON.stringify({ b: "body", c: { d: [1, 2] } }),
    });
    expect((await parseRestRequest(request)).params).toEqual({
      a: "query",
      b: "body",
      c: { d: [1, 2] },
    });
  });

  it("turns a JSON body that fails to parse into no parameters", async () => {
    const request = new Request(`${URL_BASE}?a=1`, {
      method: "POST",
      headers: { "Content-Type": "application/json" },
      body: "{broken",
    });
    expect((await parseRestRequest(request)).params).toEqual({ a: "1" });
  });

  it("reads form-urlencoded and untyped bodies with parse_str", async () => {
    const form = new Request(URL_BASE, {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: "fields[TITLE]=Deal+1&fields[PHONE][0][VALUE]=%2B7999",
    });
    expect((await parseRestRequest(form)).params).toEqual({
      fields: { TITLE: "Deal 1", PHONE: [{ VALUE: "+7999" }] },
    });
  });

  it("reads multipart fields and leaves files out", async () => {
    const body = new FormData();
    body.append("fields[TITLE]", "Deal");
    body.append("select[]", "ID");
    body.append("file", new Blob(["x"]), "x.txt");
    const request = new Request(URL_BASE, { method: "POST", body });
    expect((await parseRestRequest(request)).params).toEqual({
      fields: { TITLE: "Deal" },
      select: ["ID"],
    });
  });

  it("strips start, auth, access_token and state; start absent stays undefined", async () => {
    const parsed = await parseRestRequest(
      new Request(`${URL_BASE}?auth=tok&access_token=other&state=s&x=1`),
    );
    expect(parsed).toEqual({ params: { x: "1" }, start: undefined, accessToken: "tok" });
  });

  it("intvals start and prefers the Bearer header", async () => {
    const request = new Request(`${URL_BASE}?start=-1abc&auth=param`, {
      headers: { Authorization: "Bearer header-token" },
    });
    expect(await parseRestRequest(request)).toMatchObject({
      start: -1,
      accessToken: "header-token",
    });
  });

  it("ignores an array-valued auth parameter", async () => {
    const parsed = await parseRestRequest(new Request(`${URL_BASE}?auth[]=x&access_token=t`));
    expect(parsed.accessToken).toBe("t");
  });
});

describe("parseRestPath", () => {
  it.each([
    ["/rest/crm.deal.list", { kind: "oauth", method: "crm.deal.list", transport: "json" }],
    ["/rest/CRM.Deal.List.json", { kind: "oauth", method: "crm.deal.list", transport: "json" }],
    ["/rest//batch", { kind: "oauth", method: "batch", transport: "json" }],
    ["/rest/profile.xml", { kind: "oauth", method: "profile", transport: "xml" }],
    [
      "/rest/1/abc123/user.current",
      { kind: "webhook", userId: "1", code: "abc123", method: "user.current", transport: "json" },
    ],
    [
      "//rest/1/abc123//crm.deal.get.json",
      { kind: "webhook", userId: "1", code: "abc123", method: "crm.deal.get", transport: "json" },
    ],
    ["/rest/crm.deal%2Elist", { kind: "oauth", method: "crm.deal.list", transport: "json" }],
    [
      "/rest/api/1/abc/tasks.task.get",
      { kind: "unsupported", method: "tasks.task.get", transport: "json" },
    ],
    ["/rest/1/abc", { kind: "unsupported", method: "abc", transport: "json" }],
  ])("%s", (path, expected) => {
    expect(parseRestPath(path)).toEqual(expected);
  });

  it("is null outside /rest/", () => {
    expect(parseRestPath("/oauth/token/")).toBeNull();
  });
});
