import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { addUser } from "../../../sandbox/bitrix24/data/empty-portal.js";
import type { EntityKind, TargetRecord } from "../../model/canonical.js";
import type { WriteOutcome } from "../connector.js";
import { startHarness, type Harness } from "./__fixtures__/sandbox-harness.js";
import type { Bitrix24Connector } from "./index.js";
import { crmName } from "./names.js";

/**
 * The same records written through the legacy methods and through crm.item (forced by
 * blocking the legacy one in the limiter) must read back equal with crm.<entity>.get.
 */
describe("Bitrix24 connector: writes through crm.item equal legacy writes", () => {
  let h: Harness;
  let connector: Bitrix24Connector;
  beforeEach(async () => {
    h = await startHarness();
    connector = h.connect();
  });
  afterEach(() => h.close());

  /** Calls the portal's REST API directly: a batch of up to 50 commands. */
  async function batch(cmd: Record<string, string>): Promise<Record<string, unknown>> {
    const response = await fetch(`${h.portal.webhookUrl}batch`, {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify({ halt: 0, cmd }),
    });
    const body = (await response.json()) as { result: { result: Record<string, unknown> } };
    return body.result.result;
  }

  /** crm.<entity>.get of each id, without what differs between any two writes. */
  async function readBack(entity: EntityKind, ids: readonly string[]) {
    const name = crmName(entity);
    const cmd = Object.fromEntries(ids.map((id, i) => [`g${i}`, `crm.${name}.get?id=${id}`]));
    if (entity === "deals") {
      ids.forEach((id, i) => (cmd[`l${i}`] = `crm.deal.contact.items.get?id=${id}`));
    }
    if (entity === "contacts") {
      ids.forEach((id, i) => (cmd[`l${i}`] = `crm.contact.company.items.get?id=${id}`));
    }
    const result = await batch(cmd);
    return ids.map((_, i) => {
      const row = { ...(result[`g${i}`] as Record<string, unknown>) };
      for (const code of ["ID", "DATE_CREATE", "DATE_MODIFY", "MOVED_TIME", "ORIGINATOR_ID"]) {
        delete row[code];
      }
      delete row["LAST_ACTIVITY_TIME"];
      for (const code of ["PHONE", "EMAIL", "WEB", "IM", "LINK"]) {
        const list = row[code];
        if (Array.isArray(list)) {
          row[code] = list.map((m: Record<string, unknown>) => ({ ...m, ID: undefined }));
        }
      }
      return { row, links: result[`l${i}`] };
    });
  }

  const ids = (outcomes: WriteOutcome[]) =>
    outcomes.map((o) => {
      expect(o).toMatchObject({ ok: true });
      return o.ok ? o.targetId : "";
    });

  /** Blocks the legacy `op` of `entity` in the limiter, as its operating budget would. */
  async function blockLegacy(entity: EntityKind, op: "add" | "update", ms = 600_000) {
    await h.limiter.penalizeMethod(h.host, `crm.${crmName(entity)}.${op}`, { retryAfterMs: ms });
  }

  it("companies, contacts, leads and deals: fields, multi-fields, user fields, links, origin", async () => {
    const { data } = h.portal.portal;
    const manager = String(
      addUser(data, { name: "Ann", lastName: "Lee", email: "ann@x.io", departments: [1] }).id,
    );
    const specs = [
      { label: "Segment", type: "enum" as const, multiple: false, items: ["A", "B"] },
      { label: "Tags", type: "enum" as const, multiple: true, items: ["x", "y", "z"] },
      { label: "Bonus", type: "money" as const, multiple: false },
      { label: "VIP", type: "boolean" as const, multiple: false },
      { label: "Since", type: "date" as const, multiple: false },
      { label: "Notes", type: "string" as const, multiple: true },
      { label: "Curator", type: "user_ref" as const, multiple: false },
      { label: "Score", type: "number" as const, multiple: false },
    ];
    const uf: Record<string, Record<string, string>> = {};
    const enumIds: Record<string, Record<string, string[]>> = {};
    for (const entity of ["companies", "contacts", "leads", "deals"] as const) {
      const fields = await connector.ensureFields(entity, specs);
      uf[entity] = Object.fromEntries(fields.map((f) => [f.label, f.code]));
      enumIds[entity] = Object.fromEntries(
        fields.map((f) => [f.label, (f.items ?? []).map((i) => i.id)]),
      );
    }
    const [pipeline] = await connector.ensureItems("deals", "CATEGORY_ID", [{ label: "Tenders" }]);
    const stages = await connector.ensureItems("deals", "STAGE_ID", [
      { label: "Qualified", group: pipeline!.id },
      { label: "Negotiation", group: pipeline!.id },
    ]);
    const userFields = (entity: EntityKind, i: number): TargetRecord["fields"] => {
      const code = uf[entity]!;
      const items = enumIds[entity]!;
      return {
        [code["Segment"]!]: items["Segment"]![i % 2]!,
        [code["Tags"]!]: [items["Tags"]![0]!, items["Tags"]![2]!],
        [code["Bonus"]!]: { amount: 150.5 + i, currency: "USD" },
        [code["VIP"]!]: i % 2 === 0,
        [code["Since"]!]: "2021-03-0" + String(i + 1),
        [code["Notes"]!]: ["first", `second ${i}`],
        [code["Curator"]!]: manager,
        [code["Score"]!]: 4.5,
      };
    };
    const contactPoints = (i: number): TargetRecord["fields"] => ({
      PHONE: [
        { value: `+7 900 000 00 ${i}`, kind: "WORK" },
        { value: `+7 901 000 00 ${i}`, kind: "MOBILE" },
      ],
      EMAIL: [{ value: `x${i}@example.com`, kind: "HOME" }],
      WEB: [{ value: "example.com", kind: "WORK" }],
      IM: [{ value: `@tg${i}`, kind: "TELEGRAM" }],
    });
    const records: Record<string, (i: number, links: string[]) => TargetRecord["fields"]> = {
      companies: (i) => ({
        TITLE: `Company ${i}`,
        COMPANY_TYPE: "PARTNER",
        INDUSTRY: "IT",
        EMPLOYEES: "EMPLOYEES_2",
        REVENUE: { amount: 1_000_000, currency: "EUR" },
        OPENED: false,
        COMMENTS: "[B]important[/B]",
        ASSIGNED_BY_ID: manager,
        UTM_SOURCE: "google",
        ...contactPoints(i),
        ...userFields("companies", i),
      }),
      contacts: (i, companies) => ({
        NAME: `Ivan ${i}`,
        LAST_NAME: "Petrov",
        SECOND_NAME: "Ivanovich",
        HONORIFIC: "HNR_EN_1",
        BIRTHDATE: "1990-05-17",
        TYPE_ID: "SUPPLIER",
        SOURCE_ID: "CALL",
        POST: "CTO",
        EXPORT: false,
        COMPANY_IDS: companies,
        ASSIGNED_BY_ID: manager,
        ...contactPoints(i),
        ...userFields("contacts", i),
      }),
      leads: (i) => ({
        TITLE: `Lead ${i}`,
        NAME: "Olga",
        LAST_NAME: "Smirnova",
        COMPANY_TITLE: "Smirnova LLC",
        STATUS_ID: ["IN_PROCESS", "PROCESSED"][i % 2]!,
        SOURCE_ID: "WEB",
        OPPORTUNITY: { amount: 2500.75, currency: "USD" },
        ASSIGNED_BY_ID: manager,
        ...contactPoints(i),
        ...userFields("leads", i),
      }),
      deals: (i, contacts) => ({
        TITLE: `Deal ${i}`,
        TYPE_ID: "SERVICES",
        CATEGORY_ID: pipeline!.id,
        STAGE_ID: stages[i % 2]!.id,
        COMPANY_ID: linked.companies[i % 2]!,
        PROBABILITY: 40,
        OPPORTUNITY: { amount: 990, currency: "EUR" },
        BEGINDATE: "2024-02-01",
        CLOSEDATE: "2024-03-15",
        CONTACT_IDS: contacts,
        ASSIGNED_BY_ID: manager,
        SOURCE_ID: "PARTNER",
        ...userFields("deals", i),
      }),
    };

    // Links point at records both writes share.
    const linked = {
      companies: ids(await connector.write("companies", make("companies", 2, []), { tag: "base" })),
      contacts: [] as string[],
    };
    linked.contacts = ids(
      await connector.write("contacts", make("contacts", 2, linked.companies), { tag: "base" }),
    );
    function make(entity: string, n: number, links: string[]): TargetRecord[] {
      return Array.from({ length: n }, (_, i) => ({
        sourceId: `${entity}-${i}`,
        fields: records[entity]!(i, links),
      }));
    }
    const linksOf = (entity: EntityKind) =>
      entity === "contacts" ? linked.companies : entity === "deals" ? linked.contacts : [];

    for (const entity of ["companies", "contacts", "leads", "deals"] as const) {
      const list = make(entity, 3, linksOf(entity));
      h.sandbox.resetStats();
      const legacy = ids(await connector.write(entity, list, { tag: "pereezd:legacy" }));
      expect(h.sandbox.stats().byMethod).toMatchObject({ [`crm.${crmName(entity)}.add`]: 3 });
      await blockLegacy(entity, "add");
      h.sandbox.resetStats();
      const item = ids(await connector.write(entity, list, { tag: "pereezd:item" }));
      expect(h.sandbox.stats()).toMatchObject({
        httpRequests: 1,
        byMethod: { "crm.item.add": 3 },
      });
      expect(h.sandbox.stats().byMethod).toEqual({ "crm.item.add": 3 });
      expect(await readBack(entity, item)).toEqual(await readBack(entity, legacy));

      // Found by their origin stamp, as a crashed run's recovery looks for them.
      const sourceIds = list.map((r) => r.sourceId);
      const found = await connector.findByOrigin(entity, sourceIds, { tag: "pereezd:item" });
      expect(sourceIds.map((s) => found.get(s))).toEqual(item);

      // Delta updates: one more phone, other values, a cleared field.
      const changed = (targetIds: string[]): TargetRecord[] =>
        list.map((r, i) => ({
          ...r,
          targetId: targetIds[i]!,
          fields: {
            ...records[entity]!(i + 1, linksOf(entity).slice(0, 1)),
            ...(entity === "deals" ? {} : { PHONE: [{ value: "+1 555 0100", kind: "FAX" }] }),
            COMMENTS: null,
          },
        }));
      h.sandbox.resetStats();
      ids(await connector.write(entity, changed(legacy), { tag: "pereezd:legacy" }));
      expect(h.sandbox.stats().byMethod[`crm.${crmName(entity)}.update`]).toBe(3);
      await blockLegacy(entity, "update");
      h.sandbox.resetStats();
      ids(await connector.write(entity, changed(item), { tag: "pereezd:item" }));
      expect(h.sandbox.stats().byMethod["crm.item.update"]).toBe(3);
      expect(await readBack(entity, item)).toEqual(await readBack(entity, legacy));
    }
  });

  it("refusals of single records come back the same way from either method", async () => {
    const [field] = await connector.ensureFields("contacts", [
      { label: "Segment", type: "enum", multiple: false, items: ["A"] },
    ]);
    const list: TargetRecord[] = [
      { sourceId: "ok", fields: { NAME: "Ivan" } },
      { sourceId: "mail", fields: { NAME: "Ivan", EMAIL: [{ value: "no at", kind: "WORK" }] } },
      { sourceId: "type", fields: { NAME: "Ivan", TYPE_ID: "NO_SUCH_TYPE" } },
      { sourceId: "enum", fields: { NAME: "Ivan", [field!.code]: "999999" } },
      { sourceId: "company", fields: { NAME: "Ivan", COMPANY_IDS: ["424242"] } },
    ];
    const shape = (outcomes: WriteOutcome[]) =>
      outcomes.map((o) => (o.ok ? "ok" : `${o.sourceId}: ${o.error.kind}`));
    const legacy = await connector.write("contacts", list, { tag: "legacy" });
    await blockLegacy("contacts", "add");
    await blockLegacy("contacts", "update");
    h.sandbox.resetStats();
    const item = await connector.write("contacts", list, { tag: "item" });
    expect(h.sandbox.stats().byMethod["crm.item.add"]).toBe(5);
    expect(shape(item)).toEqual(shape(legacy));
    expect(shape(item)).toEqual([
      "ok",
      "mail: invalid_input",
      "type: invalid_input",
      "enum: invalid_input",
      "company: invalid_input",
    ]);
    const missing = [{ sourceId: "gone", targetId: "424242", fields: { NAME: "x" } }];
    const gone = await connector.write("contacts", missing, { tag: "item" });
    expect(gone[0]).toMatchObject({ ok: false, error: { kind: "not_found" } });
  });

  it("a record crm.item cannot write as it is waits for the legacy method, not the batch", async () => {
    await blockLegacy("contacts", "add", 300);
    const list: TargetRecord[] = [
      { sourceId: "a", fields: { NAME: "Ivan", ADDRESS_CITY: "Omsk" } },
      { sourceId: "b", fields: { NAME: "Olga" } },
      { sourceId: "c", fields: { NAME: "Anna" } },
    ];
    h.sandbox.resetStats();
    const started = Date.now();
    const written = connector.write("contacts", list, { tag: "t" });
    await new Promise((resolve) => setTimeout(resolve, 150));
    // b and c went out through crm.item at once; a waits for crm.contact.add.
    expect(h.sandbox.stats()).toMatchObject({ httpRequests: 1, byMethod: { "crm.item.add": 2 } });
    const [a] = ids(await written);
    expect(Date.now() - started).toBeGreaterThanOrEqual(250);
    expect(h.sandbox.stats()).toMatchObject({
      httpRequests: 2,
      byMethod: { "crm.item.add": 2, "crm.contact.add": 1 },
    });
    const [stored] = await readBack("contacts", [a!]);
    expect(stored?.row["ADDRESS_CITY"]).toBe("Omsk");
  });
});
