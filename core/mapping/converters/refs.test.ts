import { describe, expect, it } from "vitest";
import { convertEntityRef, convertUserRef } from "./refs.js";
import { valueContext } from "./test-context.js";

describe("convertUserRef", () => {
  const users = { byId: { "1": "11", "2": "12" }, defaultTargetUserId: "10" };
  const ctx = valueContext("user_ref", { users });

  it.each([
    ["default", "1", { values: ["11"], issues: [] }],
    ["default", 2, { values: ["12"], issues: [] }],
    [
      "default",
      "7",
      {
        values: ["10"],
        issues: [{ code: "unmatched_user", params: { user: "7", defaulted: "10" } }],
      },
    ],
    ["skip", "7", { values: [], issues: [{ code: "unmatched_user", params: { user: "7" } }] }],
    [
      "error",
      "7",
      {
        values: [],
        issues: [{ code: "unmatched_user", severity: "error", params: { user: "7" } }],
      },
    ],
  ] as const)("onUnmatched=%s, user %j", (onUnmatched, input, result) => {
    expect(convertUserRef({ kind: "user_ref", onUnmatched }, input, ctx)).toEqual(result);
  });

  it("without a default user an unmatched user is left empty", () => {
    const noDefault = valueContext("user_ref", { users: { byId: {}, defaultTargetUserId: null } });
    expect(
      convertUserRef({ kind: "user_ref", onUnmatched: "default" }, "7", noDefault).values,
    ).toEqual([]);
  });
});

describe("convertEntityRef", () => {
  const ids: Record<string, string> = { "contacts/5": "500", "companies/3": "300" };
  const ctx = valueContext("entity_ref", { resolveRef: (entity, id) => ids[`${entity}/${id}`] });
  const conv = { kind: "entity_ref", entity: "contacts", onUnresolved: "skip" } as const;

  it.each([
    ["5", ["500"]],
    [5, ["500"]],
    ["companies:3", ["companies:300"]],
  ] as const)("%j → %j", (input, values) => {
    expect(convertEntityRef(conv, input, ctx)).toEqual({ values, issues: [] });
  });

  it("reports an unresolved reference as a warning, or an error when asked", () => {
    expect(convertEntityRef(conv, "6", ctx).issues).toEqual([
      { code: "unresolved_ref", params: { entity: "contacts", id: "6" } },
    ]);
    expect(convertEntityRef({ ...conv, onUnresolved: "error" }, "6", ctx).issues[0]?.severity).toBe(
      "error",
    );
  });
});
