import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePortalData } from "./data/generate.js";
import { startBitrix24Sandbox, type Bitrix24Sandbox } from "./index.js";

// The HTTP layer with the domain methods, over real HTTP: the checks a migration client relies on.
let sandbox: Bitrix24Sandbox;
beforeAll(async () => {
  sandbox = await startBitrix24Sandbox({
    createData: () => generatePortalData({ size: 400, seed: 3 }),
  });
});
afterAll(() => sandbox.close());

async function post(url: string, body: unknown) {
  const response = await fetch(url, {
    method: "POST",
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify(body),
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

describe("sandbox with the domain methods", () => {
  it("serves the domain methods by default, with their scopes on the default webhook", async () => {
    const hook = sandbox.portal().webhookUrl;
    const methods = (await post(`${hook}methods`, {})).body.result as string[];
    expect(methods).toEqual(
      expect.arrayContaining(["batch", "crm.deal.list", "crm.item.list", "user.get"]),
    );
    expect((await post(`${hook}scope`, {})).body.result).toEqual(
      expect.arrayContaining(["crm", "user", "department", "task", "telephony", "disk"]),
    );
  });

  it("pages a list with start and GET bracket filters", async () => {
    const hook = sandbox.portal().webhookUrl;
    const first = await fetch(
      `${hook}crm.contact.list.json?order[ID]=ASC&select[]=ID&select[]=NAME`,
    );
    const body = (await first.json()) as {
      result: { ID: string }[];
      next?: number;
      total?: number;
    };
    expect(body.result).toHaveLength(50);
    expect(body.next).toBe(50);
    expect(body.total).toBeGreaterThan(50);
  });

  it("chains 2,500-row style cursors inside one batch with $result references", async () => {
    const hook = sandbox.portal().webhookUrl;
    const list = (filter: string) =>
      `crm.contact.list?order[ID]=ASC&select[]=ID&start=-1&filter[>ID]=${filter}`;
    const { status, body } = await post(`${hook}batch`, {
      halt: 1,
      cmd: { c0: list("0"), c1: list("$result[c0][49][ID]"), c2: list("$result[c1][49][ID]") },
    });
    expect(status).toBe(200);
    const result = (body.result as { result: Record<string, { ID: string }[]> }).result;
    const ids = ["c0", "c1", "c2"].flatMap((key) =>
      (result[key] ?? []).map((row) => Number(row.ID)),
    );
    expect(ids.length).toBeGreaterThan(100);
    expect(ids).toEqual([...ids].sort((a, b) => a - b));
    expect(new Set(ids).size).toBe(ids.length);
    expect(sandbox.stats()).toMatchObject({ batchRequests: 1 });
  });

  it("refuses app-context telephony to the webhook but serves it to the OAuth app", async () => {
    const portal = sandbox.portal();
    const params = { USER_ID: 1, PHONE_NUMBER: "+79990000000", TYPE: 2, SHOW: 0 };
    const hook = await post(`${portal.webhookUrl}telephony.externalCall.register`, params);
    expect([hook.status, hook.body.error]).toEqual([403, "WRONG_AUTH_TYPE"]);
    const app = await post(`${portal.clientEndpoint}telephony.externalCall.register`, {
      ...params,
      auth: portal.tokens.accessToken,
    });
    expect(app.status).toBe(200);
    expect(app.body.result).toHaveProperty("CALL_ID");
  });
});
