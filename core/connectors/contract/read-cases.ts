/**
 * Contract cases about reading: credentials check, schemas, counts, paging
 * with an exact cursor, changed-since, reading by id, users.
 */
import { expect, it } from "vitest";
import { entitySchemaSchema } from "../../model/schema.js";
import { compareContractIds, type ContractSuite } from "./suite.js";

export function readCases(s: ContractSuite): void {
  const { entity, titleField } = s.profile;

  it("check() names the account and the user", async () => {
    const fx = s.fx();
    const check = await fx.connector.check();
    expect(check.system).toBe(fx.connector.system);
    expect(check.accountName.length).toBeGreaterThan(0);
    expect(check.user.id.length).toBeGreaterThan(0);
    expect(Array.isArray(check.missingScopes)).toBe(true);
  });

  it("describe() lists typed fields, the required title and custom fields", async () => {
    const fx = s.fx();
    await fx.connector.ensureFields(entity, [
      { label: "Contract custom note", type: "string", multiple: false },
    ]);
    const schema = entitySchemaSchema.parse(await fx.connector.describe(entity));
    expect(schema.entity).toBe(entity);
    const codes = schema.fields.map((f) => f.code);
    expect(new Set(codes).size).toBe(codes.length);
    expect(schema.fields.find((f) => f.code === titleField)).toMatchObject({ required: true });
    expect(schema.fields.find((f) => f.label === "Contract custom note")).toMatchObject({
      custom: true,
      type: "string",
    });
  });

  it("count() counts the records", async () => {
    const fx = s.fx();
    const before = await fx.connector.count(entity);
    await fx.seed(entity, [{ fields: s.titled("A") }, { fields: s.titled("B") }]);
    expect(await fx.connector.count(entity)).toBe(before + 2);
  });

  it("read() pages in ascending id; resuming from any page's cursor gives exactly the rest", async () => {
    const fx = s.fx();
    const seeded = await fx.seed(
      entity,
      Array.from({ length: s.profile.readCount }, (_, i) => ({ fields: s.titled(`R${i}`) })),
    );
    const pages = await s.readAll();
    const ids = pages.flatMap((p) => p.ids);
    expect(pages.length).toBeGreaterThanOrEqual(s.profile.minPages);
    expect(ids).toEqual([...ids].sort(compareContractIds));
    expect(new Set(ids).size).toBe(ids.length);
    expect(ids).toEqual(expect.arrayContaining(seeded));
    expect(ids.length).toBe(await fx.connector.count(entity));
    let consumed = 0;
    for (const page of pages) {
      consumed += page.ids.length;
      expect(page.cursor).not.toBeNull();
      const rest = (await s.readAll({ cursor: page.cursor })).flatMap((p) => p.ids);
      expect(rest).toEqual(ids.slice(consumed));
    }
  });

  it("read() from a saved cursor also returns records added after it was saved", async () => {
    const fx = s.fx();
    await fx.seed(entity, [{ fields: s.titled("Old 1") }, { fields: s.titled("Old 2") }]);
    const pages = await s.readAll();
    const cursor = pages.at(-1)?.cursor ?? null;
    const added = await fx.seed(entity, [
      { fields: s.titled("New 1") },
      { fields: s.titled("New 2") },
    ]);
    expect((await s.readAll({ cursor })).flatMap((p) => p.ids)).toEqual(added);
  });

  it("read({ changedSince }) and count({ changedSince }) see only records changed since", async () => {
    const fx = s.fx();
    const old = await fx.seed(
      entity,
      [1, 2, 3].map((i) => ({
        fields: s.titled(`Old ${i}`),
        updatedAt: "2021-03-01T10:00:00+03:00",
      })),
    );
    const recent = await fx.seed(
      entity,
      [1, 2].map((i) => ({ fields: s.titled(`New ${i}`), updatedAt: "2023-03-01T10:00:00+03:00" })),
    );
    const changedSince = "2022-01-01T00:00:00+00:00";
    const ids = (await s.readAll({ changedSince })).flatMap((p) => p.ids);
    expect(ids).toEqual(expect.arrayContaining(recent));
    expect(ids.filter((id) => old.includes(id))).toEqual([]);
    expect(await fx.connector.count(entity, { changedSince })).toBe(ids.length);
  });

  it("readByIds() returns the records asked for and leaves out unknown ids", async () => {
    const fx = s.fx();
    const seeded = await fx.seed(entity, [
      { fields: s.titled("A") },
      { fields: s.titled("B") },
      { fields: s.titled("C") },
    ]);
    const [a = "", , c = ""] = seeded;
    const records = await fx.connector.readByIds(entity, [c, "987654321", a]);
    expect(records.map((r) => r.id).sort(compareContractIds)).toEqual(
      [a, c].sort(compareContractIds),
    );
    expect(records.find((r) => r.id === a)?.fields[titleField]).toBe("A");
  });

  it("listUsers() lists the account's users", async () => {
    const fx = s.fx();
    const users = await fx.connector.listUsers();
    expect(users.length).toBeGreaterThan(0);
    for (const u of users) {
      expect(u.id.length).toBeGreaterThan(0);
      expect(typeof u.active).toBe("boolean");
    }
  });
}
