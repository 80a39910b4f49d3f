/**
 * The behaviour every connector must show, as one vitest suite run against
 * each implementation (STYLE.md "Tests": hono runs one router suite against
 * every router). The engine relies on exactly these promises: ascending ids and
 * an exact cursor (no gap, no duplicate after a resume), origin stamps that
 * `findByOrigin` finds (exactly-once after a crash), per-record failures that
 * do not fail the batch, idempotent setup calls, per-record removal outcomes.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { entitySchemaSchema } from "../../model/schema.js";
import type { ReadOptions } from "../connector.js";
import {
  DEFAULT_CONTRACT_PROFILE,
  type ConnectorFixture,
  type ContractProfile,
  type MakeConnectorFixture,
} from "./fixture.js";

const isNumeric = (id: string) => /^\d+$/.test(id);
/** Ascending id order: numerically when both ids are numbers, else as text. */
export function compareContractIds(a: string, b: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const d = BigInt(a) - BigInt(b);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Runs the connector contract suite; `makeFixture` is called once per test. */
export function runConnectorContract(
  name: string,
  makeFixture: MakeConnectorFixture,
  profileOverrides: Partial<ContractProfile> = {},
): void {
  const profile: ContractProfile = { ...DEFAULT_CONTRACT_PROFILE, ...profileOverrides };
  const { entity, titleField } = profile;
  const titled = (title: string) => ({ [titleField]: title });

  describe(`connector contract: ${name}`, () => {
    let fx: ConnectorFixture;
    beforeEach(async () => {
      fx = await makeFixture();
    });
    afterEach(async () => {
      await fx.close?.();
    });

    const readAll = async (options: Partial<ReadOptions> = {}) => {
      const pages: Array<{ ids: string[]; cursor: string | null }> = [];
      for await (const page of fx.connector.read(entity, { cursor: null, ...options })) {
        pages.push({ ids: page.records.map((r) => r.id), cursor: page.cursor });
      }
      return pages;
    };
    const create = async (titles: string[], tag = "pereezd:contract") => {
      const records = titles.map((title, i) => ({ sourceId: `s${i + 1}`, fields: titled(title) }));
      return fx.connector.write(entity, records, { tag });
    };
    const createdIds = (outcomes: Awaited<ReturnType<typeof create>>) =>
      outcomes.map((o) => {
        if (!o.ok) throw new Error(`write failed: ${o.error.message}`);
        return o.targetId;
      });

    it("check() names the account and the user", async () => {
      const check = await fx.connector.check();
      expect(check.system).toBe(fx.connector.system);
      expect(check.accountName.length).toBeGreaterThan(0);
      expect(check.user.id.length).toBeGreaterThan(0);
      expect(Array.isArray(check.missingScopes)).toBe(true);
    });

    it("describe() lists typed fields, the required title and custom fields", async () => {
      await fx.connector.ensureFields(entity, [{ label: "Contract custom note", type: "string", multiple: false }]);
      const schema = entitySchemaSchema.parse(await fx.connector.describe(entity));
      expect(schema.entity).toBe(entity);
      const codes = schema.fields.map((f) => f.code);
      expect(new Set(codes).size).toBe(codes.length);
      expect(schema.fields.find((f) => f.code === titleField)).toMatchObject({ required: true });
      expect(schema.fields.find((f) => f.label === "Contract custom note")).toMatchObject({ custom: true, type: "string" });
    });

    it("count() counts the records", async () => {
      const before = await fx.connector.count(entity);
      await fx.seed(entity, [{ fields: titled("A") }, { fields: titled("B") }]);
      expect(await fx.connector.count(entity)).toBe(before + 2);
    });

    it("read() pages in ascending id; resuming from any page's cursor gives exactly the rest", async () => {
      const seeded = await fx.seed(entity, Array.from({ length: profile.readCount }, (_, i) => ({ fields: titled(`R${i}`) })));
      const pages = await readAll();
      const ids = pages.flatMap((p) => p.ids);
      expect(pages.length).toBeGreaterThanOrEqual(profile.minPages);
      expect(ids).toEqual([...ids].sort(compareContractIds));
      expect(new Set(ids).size).toBe(ids.length);
      expect(ids).toEqual(expect.arrayContaining(seeded));
      expect(ids.length).toBe(await fx.connector.count(entity));
      let consumed = 0;
      for (const page of pages) {
        consumed += page.ids.length;
        expect(page.cursor).not.toBeNull();
        const rest = (await readAll({ cursor: page.cursor })).flatMap((p) => p.ids);
        expect(rest).toEqual(ids.slice(consumed));
      }
    });

    it("read() from a saved cursor also returns records added after it was saved", async () => {
      await fx.seed(entity, [{ fields: titled("Old 1") }, { fields: titled("Old 2") }]);
      const pages = await readAll();
      const cursor = pages.at(-1)?.cursor ?? null;
      const added = await fx.seed(entity, [{ fields: titled("New 1") }, { fields: titled("New 2") }]);
      expect((await readAll({ cursor })).flatMap((p) => p.ids)).toEqual(added);
    });

    it("read({ changedSince }) and count({ changedSince }) see only records changed since", async () => {
      const old = await fx.seed(entity, [1, 2, 3].map((i) => ({ fields: titled(`Old ${i}`), updatedAt: "2021-03-01T10:00:00+03:00" })));
      const recent = await fx.seed(entity, [1, 2].map((i) => ({ fields: titled(`New ${i}`), updatedAt: "2023-03-01T10:00:00+03:00" })));
      const changedSince = "2022-01-01T00:00:00+00:00";
      const ids = (await readAll({ changedSince })).flatMap((p) => p.ids);
      expect(ids).toEqual(expect.arrayContaining(recent));
      expect(ids.filter((id) => old.includes(id))).toEqual([]);
      expect(await fx.connector.count(entity, { changedSince })).toBe(ids.length);
    });

    it("readByIds() returns the records asked for and leaves out unknown ids", async () => {
      const seeded = await fx.seed(entity, [{ fields: titled("A") }, { fields: titled("B") }, { fields: titled("C") }]);
      const [a = "", , c = ""] = seeded;
      const records = await fx.connector.readByIds(entity, [c, "987654321", a]);
      expect(records.map((r) => r.id).sort(compareContractIds)).toEqual([a, c].sort(compareContractIds));
      expect(records.find((r) => r.id === a)?.fields[titleField]).toBe("A");
    });

    it("write() creates records with the origin stamp, one outcome per record in order", async () => {
      const outcomes = await create(["One", "Two", "Three"], "pereezd:m-1");
      expect(outcomes.map((o) => [o.sourceId, o.ok])).toEqual([["s1", true], ["s2", true], ["s3", true]]);
      expect(outcomes.every((o) => o.ok && o.created)).toBe(true);
      const ids = createdIds(outcomes);
      expect(new Set(ids).size).toBe(3);
      const stored = await fx.readBack(entity);
      ids.forEach((id, i) => {
        const record = stored.find((r) => r.id === id);
        expect(record?.origin).toEqual({ tag: "pereezd:m-1", sourceId: `s${i + 1}` });
        expect(record?.fields[titleField]).toBe(["One", "Two", "Three"][i]);
      });
      const url = fx.connector.recordUrl(entity, ids[0]!);
      if (url !== null) expect(url).toContain(ids[0]);
    });

    it("write() reports a refused record without failing the rest of the batch", async () => {
      const before = (await fx.readBack(entity)).length;
      const outcomes = await fx.connector.write(
        entity,
        [
          { sourceId: "ok-1", fields: titled("Fine") },
          { sourceId: "bad", fields: {} },
          { sourceId: "ok-2", fields: titled("Also fine") },
        ],
        { tag: "pereezd:contract" },
      );
      expect(outcomes.map((o) => [o.sourceId, o.ok])).toEqual([["ok-1", true], ["bad", false], ["ok-2", true]]);
      const bad = outcomes[1];
      if (bad?.ok === false) expect(bad.error.kind).toBe("invalid_input");
      expect((await fx.readBack(entity)).length).toBe(before + 2);
    });

    it("write() takes more records than one request carries, in order", async () => {
      const n = fx.connector.costModel.writeRecordsPerRequest + 1;
      const outcomes = await create(Array.from({ length: n }, (_, i) => `Bulk ${i}`));
      expect(outcomes.map((o) => o.sourceId)).toEqual(Array.from({ length: n }, (_, i) => `s${i + 1}`));
      expect(outcomes.every((o) => o.ok)).toBe(true);
    });

    it("write() with targetId updates that record instead of creating one", async () => {
      const [id] = createdIds(await create(["Before"]));
      const before = (await fx.readBack(entity)).length;
      const [outcome] = await fx.connector.write(entity, [{ sourceId: "s1", targetId: id!, fields: titled("After") }], {
        tag: "pereezd:contract",
      });
      expect(outcome).toEqual({ sourceId: "s1", ok: true, targetId: id, created: false });
      const stored = await fx.readBack(entity);
      expect(stored.length).toBe(before);
      expect(stored.find((r) => r.id === id)?.fields[titleField]).toBe("After");
    });

    it("findByOrigin() finds what was created under the tag, and nothing of another tag", async () => {
      const ids = createdIds(await create(["X", "Y"], "pereezd:m-2"));
      await create(["Z"], "pereezd:other");
      const found = await fx.connector.findByOrigin(entity, ["s1", "s2", "s9"], { tag: "pereezd:m-2" });
      expect(Object.fromEntries(found)).toEqual({ s1: ids[0], s2: ids[1] });
      expect((await fx.connector.findByOrigin(entity, ["s1", "s2"], { tag: "pereezd:m-3" })).size).toBe(0);
    });

    it("ensureFields() creates custom fields once; a second call creates nothing", async () => {
      const specs = [
        { label: "Contract tier", type: "enum" as const, multiple: false, items: ["Gold", "Silver"] },
        { label: "Loyalty note", type: "string" as const, multiple: false },
      ];
      const first = await fx.connector.ensureFields(entity, specs);
      expect(first.map((f) => [f.label, f.type, f.custom])).toEqual([["Contract tier", "enum", true], ["Loyalty note", "string", true]]);
      const fieldsAfterFirst = (await fx.connector.describe(entity)).fields.length;
      const second = await fx.connector.ensureFields(entity, specs);
      expect(second.map((f) => f.code)).toEqual(first.map((f) => f.code));
      expect((await fx.connector.describe(entity)).fields.length).toBe(fieldsAfterFirst);
      expect(first[0]?.items?.map((i) => i.label)).toEqual(["Gold", "Silver"]);
    });

    it("ensureItems() matches items by label and adds only the missing ones", async () => {
      const [tier] = await fx.connector.ensureFields(entity, [{ label: "Tier", type: "enum", multiple: false, items: ["Gold"] }]);
      const gold = tier?.items?.find((i) => i.label === "Gold");
      const first = await fx.connector.ensureItems(entity, tier!.code, [{ label: "Gold" }, { label: "Bronze" }]);
      expect(first.map((i) => i.label)).toEqual(["Gold", "Bronze"]);
      expect(first[0]?.id).toBe(gold?.id);
      const again = await fx.connector.ensureItems(entity, tier!.code, [{ label: "Bronze" }, { label: "Gold" }]);
      expect(again.map((i) => i.id)).toEqual([first[1]?.id, first[0]?.id]);
      const described = (await fx.connector.describe(entity)).fields.find((f) => f.code === tier?.code);
      expect(described?.items?.map((i) => i.label).sort()).toEqual(["Bronze", "Gold"]);
    });

    it("remove() deletes records and reports an unknown id per record as not_found", async () => {
      const [a, b] = createdIds(await create(["Keep me not", "Keep me"]));
      const outcomes = await fx.connector.remove(entity, [a!, "987654321"]);
      expect(outcomes[0]).toEqual({ targetId: a, ok: true });
      expect(outcomes[1]).toMatchObject({ targetId: "987654321", ok: false, error: { kind: "not_found" } });
      const left = (await fx.readBack(entity)).map((r) => r.id);
      expect(left).toContain(b);
      expect(left).not.toContain(a);
    });

    it("listUsers() lists the account's users", async () => {
      const users = await fx.connector.listUsers();
      expect(users.length).toBeGreaterThan(0);
      for (const u of users) {
        expect(u.id.length).toBeGreaterThan(0);
        expect(typeof u.active).toBe("boolean");
      }
    });
  });
}
