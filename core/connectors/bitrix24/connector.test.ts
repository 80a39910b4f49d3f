import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { isPereezdError, type PereezdError } from "../../errors.js";
import { generatePortalData } from "../../../sandbox/bitrix24/data/generate.js";
import type { EntityKind } from "../../model/canonical.js";
import { startHarness, type Harness } from "./__fixtures__/sandbox-harness.js";
import { createBitrix24Connector } from "./index.js";

async function failure(promise: Promise<unknown>): Promise<PereezdError> {
  try {
    await promise;
  } catch (error) {
    if (isPereezdError(error)) return error;
    throw error;
  }
  throw new Error("expected a failure");
}

/** A portal with 20,000 generated records (3,000 companies, 7,000 contacts, 6,000 deals, 4,000 leads). */
describe("Bitrix24 connector on a generated portal", () => {
  let h: Harness;
  beforeAll(async () => {
    h = await startHarness({ createData: () => generatePortalData({ size: 20_000, seed: 7 }) });
  });
  afterAll(() => h.close());

  it("check() names the portal, the user and the scopes", async () => {
    const check = await h.connect().check();
    expect(check).toMatchObject({
      system: "bitrix24",
      accountName: h.host,
      deployment: "cloud",
      user: { id: "1", isAdmin: true, email: expect.stringMatching(/@/) as unknown },
      missingScopes: [],
    });
    expect(check.scopes).toEqual(expect.arrayContaining(["crm", "user"]));
  });

  it("check() lists the scopes a webhook lacks", async () => {
    const { url } = h.sandbox.addWebhook({ scopes: ["crm"] });
    const check = await h.connect({ url }).check();
    expect(check.missingScopes).toEqual(["user"]);
    expect(check.user.email).toBeNull();
  });

  it("a wrong webhook code is an auth error naming the portal, never the code", async () => {
    const url = h.portal.webhookUrl.replace(h.portal.webhook.code, "wr0ngc0de1234567");
    const error = await failure(h.connect({ url }).check());
    expect(error).toMatchObject({ kind: "auth", code: "INVALID_CREDENTIALS" });
    expect(error.message).toContain(h.host);
    expect(error.message).not.toContain("wr0ngc0de1234567");
    expect(JSON.stringify(error.details)).not.toContain("wr0ngc0de1234567");
  });

  it("the URL guard refuses plain http and private addresses unless the host is allowed", async () => {
    const before = h.sandbox.stats().httpRequests;
    const http = h.connect({ deps: { allowedHosts: [] } });
    expect(await failure(http.check())).toMatchObject({
      kind: "invalid_input",
      code: "url_not_https",
    });
    expect(h.sandbox.stats().httpRequests).toBe(before);
    let fetched = false;
    const fetch: typeof globalThis.fetch = async () => {
      fetched = true;
      return new Response("{}");
    };
    const private10 = createBitrix24Connector(
      { auth: { mode: "webhook", url: `https://10.1.2.3/rest/1/${h.portal.webhook.code}/` } },
      { limiter: h.limiter, allowedHosts: [], fetch },
    );
    expect(await failure(private10.describe("deals"))).toMatchObject({
      kind: "invalid_input",
      code: "url_private_address",
    });
    expect(fetched).toBe(false);
  });

  it("a malformed or non-Bitrix24 link is refused before any request", () => {
    for (const url of [
      "acme.bitrix24.ru",
      "https://acme.bitrix24.ru/crm/deal/",
      "https://example.com/rest/x/y/",
    ]) {
      expect(() => h.connect({ url })).toThrow(
        expect.objectContaining({ kind: "invalid_input", code: "not_a_webhook_url" }),
      );
    }
  });

  it("describe() types deal fields, pipelines, stages per pipeline and list items", async () => {
    const before = h.sandbox.stats().httpRequests;
    const deals = await h.connect().describe("deals");
    expect(h.sandbox.stats().httpRequests - before).toBe(1);
    const by = (code: string) => deals.fields.find((f) => f.code === code);
    expect(by("CATEGORY_ID")).toMatchObject({
      type: "pipeline",
      items: [{ id: "0" }, { id: "1", label: "Оптовые продажи" }],
    });
    const stages = by("STAGE_ID")?.items ?? [];
    expect(stages).toEqual(
      expect.arrayContaining([
        { id: "NEW", label: expect.any(String) as unknown, group: "0", semantics: "process" },
        { id: "WON", label: expect.any(String) as unknown, group: "0", semantics: "success" },
        expect.objectContaining({ id: "C1:LOSE", group: "1", semantics: "failure" }),
      ]),
    );
    expect(by("UF_CRM_1700000001")).toMatchObject({
      type: "enum",
      custom: true,
      label: "Способ доставки",
      items: [{ label: "Самовывоз" }, { label: "Курьер" }, { label: "Почта" }],
    });
    expect(by("UF_CRM_BUDGET")).toMatchObject({ type: "money", custom: true });
    expect(by("UF_CRM_VIP")).toMatchObject({ type: "boolean" });
    expect(by("UF_CRM_CONTRACT_DATE")).toMatchObject({ type: "date" });
    expect(by("OPPORTUNITY")).toMatchObject({ type: "number" });
    expect(by("ASSIGNED_BY_ID")).toMatchObject({ type: "user_ref" });
    expect(by("COMPANY_ID")).toMatchObject({ type: "entity_ref", refEntity: "companies" });
    expect(by("CONTACT_IDS")).toMatchObject({
      type: "entity_ref",
      refEntity: "contacts",
      multiple: true,
    });
    expect(by("DATE_CREATE")).toMatchObject({ type: "datetime", readOnly: true });
    expect(by("OPENED")).toMatchObject({ type: "boolean" });
    expect(by("SOURCE_ID")?.items?.length).toBeGreaterThan(0);

    const leads = await h.connect().describe("leads");
    const status = leads.fields.find((f) => f.code === "STATUS_ID");
    expect(status?.type).toBe("stage");
    expect(status?.items?.some((i) => i.semantics === "success")).toBe(true);
    const contacts = await h.connect().describe("contacts");
    expect(contacts.fields.find((f) => f.code === "PHONE")).toMatchObject({
      type: "phones",
      multiple: true,
    });
    expect(contacts.fields.find((f) => f.code === "EMAIL")).toMatchObject({ type: "emails" });
    expect(contacts.fields.find((f) => f.code === "UF_CRM_CHANNELS")).toMatchObject({
      type: "enum",
      multiple: true,
    });
  });

  async function readAll(entity: EntityKind) {
    const connector = h.connect();
    const total = await connector.count(entity);
    await connector.describe(entity);
    h.sandbox.resetStats();
    const ids: string[] = [];
    for await (const page of connector.read(entity, { cursor: null }))
      ids.push(...page.records.map((r) => r.id));
    return { ids, total, requests: h.sandbox.stats().httpRequests };
  }

  it("read() returns every company exactly once in ≤ ceil(n/2500)+1 requests", async () => {
    const { ids, total, requests } = await readAll("companies");
    expect(total).toBe(3_000);
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(requests).toBeLessThanOrEqual(Math.ceil(total / 2_500) + 1);
  });

  it("read() of deals brings their contact lists at one more request per 2,500", async () => {
    const { ids, total, requests } = await readAll("deals");
    expect(ids.length).toBe(total);
    expect(new Set(ids).size).toBe(total);
    expect(requests).toBeLessThanOrEqual(2 * Math.ceil(total / 2_500) + 1);
    const [deal] = await h.connect().readByIds("deals", [ids[0]!]);
    expect(Array.isArray(deal?.fields["CONTACT_IDS"])).toBe(true);
  });

  it("count() of all four entities costs one request", async () => {
    const connector = h.connect();
    await connector.check();
    const before = h.sandbox.stats().httpRequests;
    const counts = await Promise.all(
      (["companies", "contacts", "leads", "deals"] as const).map((e) => connector.count(e)),
    );
    expect(counts).toEqual([3_000, 7_000, 4_000, 6_000]);
    expect(h.sandbox.stats().httpRequests - before).toBe(1);
  });

  it("listUsers() lists every user with lower-cased e-mails", async () => {
    const users = await h.connect().listUsers();
    expect(users.length).toBe(h.portal.portal.data.users.size);
    expect(users.every((u) => u.email === null || u.email === u.email.toLowerCase())).toBe(true);
    expect(users.some((u) => !u.active)).toBe(true);
  });

  it("an on-premise portal reports its deployment and the administrator's rate", async () => {
    const connector = h.connect({
      config: { deployment: { kind: "on_premise", ratePerSec: 8, burst: 40 } },
    });
    expect((await connector.check()).deployment).toBe("on_premise");
    expect(connector.costModel).toEqual({
      readRecordsPerRequest: 2_500,
      writeRecordsPerRequest: 50,
      requestsPerSecond: 8,
      burst: 40,
    });
    expect(h.connect().costModel).toMatchObject({ requestsPerSecond: 2, burst: 50 });
  });

  it("recordUrl() links the record page of the portal", () => {
    expect(h.connect().recordUrl("deals", "42")).toBe(`${h.portal.baseUrl}/crm/deal/details/42/`);
    expect(h.connect().recordUrl("companies", "7")).toBe(
      `${h.portal.baseUrl}/crm/company/details/7/`,
    );
    expect(h.connect().recordUrl("tasks", "7")).toBeNull();
  });
});
