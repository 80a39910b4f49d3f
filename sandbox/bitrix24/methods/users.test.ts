import { beforeEach, describe, expect, it } from "vitest";
import type { Portal } from "../portal.js";
import { expectError, result, run, testPortal } from "./testing.js";

type Rec = Record<string, unknown>;

let portal: Portal;
beforeEach(() => {
  portal = testPortal();
});

describe("users", () => {
  it("user.current is the caller, rendered like user.get", async () => {
    expect(await result<Rec>(portal, "user.current")).toMatchObject({
      ID: "1",
      ACTIVE: true,
      EMAIL: "admin@example.com",
      UF_DEPARTMENT: [1],
    });
  });

  it("user.add invites by e-mail with the documented checks", async () => {
    expect(
      await result(portal, "user.add", {
        EMAIL: "ann@example.com",
        NAME: "Ann",
        UF_DEPARTMENT: [1],
      }),
    ).toBe(2);
    await expectError(
      run(portal, "user.add", { EMAIL: "bad", UF_DEPARTMENT: [1] }),
      "ERROR_ARGUMENT",
      "wrong_email",
    );
    await expectError(
      run(portal, "user.add", { EMAIL: "ANN@example.com", UF_DEPARTMENT: [1] }),
      "ERROR_ARGUMENT",
      "A user with this email already exists",
    );
    await expectError(
      run(portal, "user.add", { EMAIL: "b@example.com" }),
      "ERROR_ARGUMENT",
      "no_extranet_field",
    );
    await expectError(
      run(portal, "user.add", { EMAIL: "c@example.com", EXTRANET: "Y" }),
      "ERROR_GROUPID",
    );
    await expectError(
      run(portal, "user.add", { EMAIL: "d@example.com", UF_DEPARTMENT: [1] }, { userId: 2 }),
      "ERROR_CORE",
      "access_denied",
    );
  });

  it("user.get filters (FILTER or top-level), sorts and pages", async () => {
    for (let i = 0; i < 60; i++)
      await run(portal, "user.add", {
        EMAIL: `u${i}@example.com`,
        NAME: i % 2 ? "Odd" : "Even",
        UF_DEPARTMENT: [1],
      });
    const page = await run(portal, "user.get", { FILTER: { NAME: "Odd" }, select: ["ID", "NAME"] });
    expect(page.total).toBe(30);
    expect((page.result as Rec[])[0]).toEqual({ ID: "3", NAME: "Odd" });
    const top = await run(portal, "user.get", { ID: 5 });
    expect((top.result as Rec[]).map((u) => u.ID)).toEqual(["5"]);
    const all = await run(portal, "user.get", { sort: "ID", order: "DESC" }, { start: 50 });
    expect((all.result as Rec[])[0]?.ID).toBe("11");
    expect(all.total).toBe(61);
    const cursor = await run(
      portal,
      "user.get",
      { FILTER: { ">ID": 55, ACTIVE: true } },
      { start: -1 },
    );
    expect((cursor.result as Rec[]).map((u) => u.ID)).toEqual(["56", "57", "58", "59", "60", "61"]);
    expect(cursor.total).toBe(0);
    const search = await result<Rec[]>(portal, "user.get", { FILTER: { NAME_SEARCH: "u59@" } });
    expect(search.map((u) => u.ID)).toEqual(["61"]);
  });

  it("user.fields describes fields", async () => {
    expect(await result<Rec>(portal, "user.fields")).toMatchObject({
      EMAIL: "E-Mail",
      UF_DEPARTMENT: "Units",
    });
  });
});

describe("departments", () => {
  it("department.add/get", async () => {
    expect(await result(portal, "department.add", { NAME: "Sales", PARENT: 1, UF_HEAD: 1 })).toBe(
      2,
    );
    expect(await run(portal, "department.get", {})).toMatchObject({
      result: [
        { ID: "1", NAME: "My Company", SORT: 500, UF_HEAD: "1" },
        { ID: "2", NAME: "Sales", SORT: 500, PARENT: "1", UF_HEAD: "1" },
      ],
      total: 2,
    });
    expect(await result(portal, "department.get", { PARENT: 1 })).toEqual([
      expect.objectContaining({ ID: "2" }),
    ]);
  });
  it("answers the documented errors", async () => {
    await expectError(
      run(portal, "department.add", { PARENT: 1 }),
      "ERROR_CORE",
      "Department name not provided.",
    );
    await expectError(
      run(portal, "department.add", { NAME: "Top" }),
      "ERROR_CORE",
      "only be one top-level department",
    );
  });
});
