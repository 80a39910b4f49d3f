import { describe, expect, it } from "vitest";
import { answer, makeTestPortal } from "./test-kit.js";

type Batch = {
  result: Record<string, unknown> | unknown[];
  result_error: Record<string, unknown> | unknown[];
  result_total: Record<string, unknown> | unknown[];
  result_next: Record<string, unknown> | unknown[];
  result_time: Record<string, Record<string, unknown>> | unknown[];
};

async function batch(
  t: ReturnType<typeof makeTestPortal>,
  params: Record<string, unknown>,
  path?: string,
) {
  const { status, body } = await t.call("batch", params, path);
  return { status, batch: body.result as Batch, body };
}

describe("batch", () => {
  it("runs named commands and spreads result, total, next and time", async () => {
    const t = makeTestPortal();
    const {
      status,
      batch: b,
      body,
    } = await batch(t, {
      halt: 0,
      cmd: { page: "crm.fake.list?start=0", one: "crm.fake.get?id=3" },
    });
    expect(status).toBe(200);
    expect((b.result as Record<string, unknown[]>).page).toHaveLength(50);
    expect((b.result as Record<string, unknown>).one).toEqual({ ID: "3", TITLE: "Deal 3" });
    expect(b.result_error).toEqual([]);
    expect(b.result_total).toEqual({ page: 120 });
    expect(b.result_next).toEqual({ page: 50 });
    expect(Object.keys(b.result_time)).toEqual(["page", "one"]);
    expect((b.result_time as Record<string, Record<string, unknown>>).page).toMatchObject({
      operating: 2,
    });
    expect(body.time).toMatchObject({ operating: 0 });
  });

  it("resolves $result, $next and $total references", async () => {
    const t = makeTestPortal();
    const { batch: b } = await batch(t, {
      cmd: {
        list: "crm.fake.list?start=50",
        whole:
          "echo?id=$result[list][0][ID]&row=$result[list][1]&next=$next[list]&total=$total[list]",
        text: "echo?title=Deal+%23$result[list][0][ID]+and+$total[list]",
        missing: "echo?x=$result[list][999][ID]&y=$result[nope][0]",
        arr: "echo?select[]=$result[list][2][ID]",
      },
    });
    const r = b.result as Record<string, { params: Record<string, unknown> }>;
    expect(r.whole?.params).toEqual({
      id: "51",
      row: { ID: "52", TITLE: "Deal 52" },
      next: 100,
      total: 120,
    });
    // Strings are substituted inside text; an integer (total) is left as written.
    expect(r.text?.params).toEqual({ title: "Deal #51 and $total[list]" });
    expect(r.arr?.params).toEqual({ select: ["53"] });
    const missing = r.missing?.params ?? {};
    expect(Array.isArray(missing.x)).toBe(true);
    // A path that stops at its first key leaves the whole `$result` map in place.
    expect(Object.keys(missing.y as object)).toEqual(["list", "whole", "text"]);
  });

  it("reports per-command errors with HTTP 200 and stops on the first with halt", async () => {
    const t = makeTestPortal({ webhookScopes: ["crm"] });
    const cmd = [
      "crm.fake.get?id=1",
      "user.fake.get",
      "no.such",
      "crm.fake.get?id=999",
      "crm.fake.get?id=2",
    ];
    const free = await batch(t, { halt: 0, cmd });
    expect(free.status).toBe(200);
    expect(free.batch.result).toEqual({
      "0": { ID: "1", TITLE: "Deal 1" },
      "4": { ID: "2", TITLE: "Deal 2" },
    });
    expect(free.batch.result_error).toEqual({
      "1": { error: "insufficient_scope", error_description: "" },
      "2": { error: "ERROR_METHOD_NOT_FOUND", error_description: "Method not found!" },
      "3": { error: "", error_description: "Not found" },
    });
    const halted = await batch(t, { halt: 1, cmd });
    expect(halted.batch.result).toEqual([{ ID: "1", TITLE: "Deal 1" }]);
    expect(halted.batch.result_error).toEqual({
      "1": { error: "insufficient_scope", error_description: "" },
    });
  });

  it("refuses nested batch and app-context methods per command", async () => {
    const t = makeTestPortal();
    const { batch: b } = await batch(t, {
      cmd: {
        inner: "batch?cmd[a]=server.time",
        tel: "telephony.externalcall.register",
        ok: "server.time",
      },
    });
    expect(b.result_error).toEqual({
      inner: {
        error: "ERROR_BATCH_METHOD_NOT_ALLOWED",
        error_description: "Method is not allowed for batch usage",
      },
      tel: {
        error: "WRONG_AUTH_TYPE",
        error_description: "Current authorization type is denied for this method",
      },
    });
    expect(b.result).toEqual({ ok: "2026-01-15T12:00:00+03:00" });
  });

  it("answers ERROR_BATCH_LENGTH_EXCEEDED for each command past the 50th", async () => {
    const t = makeTestPortal();
    const cmd = Array.from({ length: 53 }, () => "server.time");
    const { batch: b } = await batch(t, { cmd });
    expect(b.result).toHaveLength(50);
    expect(b.result_error).toEqual({
      "50": {
        error: "ERROR_BATCH_LENGTH_EXCEEDED",
        error_description: "Max batch length exceeded",
      },
      "51": {
        error: "ERROR_BATCH_LENGTH_EXCEEDED",
        error_description: "Max batch length exceeded",
      },
      "52": {
        error: "ERROR_BATCH_LENGTH_EXCEEDED",
        error_description: "Max batch length exceeded",
      },
    });
    expect(t.runtime.stats.snapshot()).toMatchObject({
      httpRequests: 1,
      batchRequests: 1,
      commands: 50,
    });
  });

  it("takes the batch from a query string (commands encoded twice) with an OAuth token", async () => {
    const t = makeTestPortal();
    const query =
      `auth=${t.tokens.accessToken}&halt=0&cmd[get]=crm.fake.get%3Fid%3D7` +
      "&cmd[echo]=echo%3Fid%3D%2524result%255Bget%255D%255BID%255D";
    const { body } = await answer(
      await t.http.request(`http://127.0.0.1:8101/rest/batch?${query}`),
    );
    expect((body.result as Batch).result).toEqual({
      get: { ID: "7", TITLE: "Deal 7" },
      echo: { params: { id: "7" }, start: null },
    });
  });

  it("is one request for the rate limit but charges each command's own method", async () => {
    const t = makeTestPortal({
      limits: { rate: { threshold: 1 }, operating: { limitSeconds: 5 } },
    });
    const cmd = Array.from({ length: 5 }, () => "crm.fake.list?start=-1");
    const { status, batch: b } = await batch(t, { cmd });
    expect(status).toBe(200);
    expect(b.result).toHaveLength(3);
    expect(b.result_error).toEqual({
      "3": {
        error: "OPERATION_TIME_LIMIT",
        error_description: "Method is blocked due to operation time limit",
      },
      "4": {
        error: "OPERATION_TIME_LIMIT",
        error_description: "Method is blocked due to operation time limit",
      },
    });
    expect((await t.call("server.time")).status).toBe(503);
  });

  it("treats halt as PHP does: the string 'false' halts", async () => {
    const t = makeTestPortal();
    const { batch: b } = await batch(t, { halt: "false", cmd: ["no.such", "server.time"] });
    expect(b.result).toEqual([]);
  });
});
