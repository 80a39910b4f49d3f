import { describe, expect, it } from "vitest";
import type { UserSummary } from "../model/schema.js";
import { proposeUserMapping } from "./propose-users.js";

const user = (id: string, email: string | null, active = true): UserSummary => ({
  id,
  email,
  name: `User ${id}`,
  active,
});

describe("proposeUserMapping", () => {
  const source = [
    user("1", "Ivan@Acme.ru"),
    user("2", " olga@acme.ru "),
    user("3", null),
    user("4", "gone@acme.ru"),
  ];
  const target = [
    user("10", "admin@acme.ru"),
    user("11", "ivan@acme.ru", false),
    user("12", "ivan@acme.ru"),
    user("13", "OLGA@acme.ru", false),
  ];

  it("matches by e-mail ignoring case and spaces, preferring active target users", () => {
    const proposal = proposeUserMapping(source, target, { adminUserIds: ["10"] });
    // Olga's only target account is deactivated: the target would refuse her as responsible.
    expect(proposal.users).toEqual({ byId: { "1": "12" }, defaultTargetUserId: "10" });
    expect(proposal.matched).toEqual([
      { sourceId: "1", targetId: "12", email: "ivan@acme.ru", targetActive: true },
    ]);
    expect(proposal.unmatched.map((u) => u.id)).toEqual(["2", "3", "4"]);
  });

  it("chooses no default user unless an active admin is given", () => {
    expect(proposeUserMapping(source, target).users.defaultTargetUserId).toBeNull();
    expect(
      proposeUserMapping(source, [user("10", "a@b.ru", false)], { adminUserIds: ["10"] }).users
        .defaultTargetUserId,
    ).toBeNull();
  });
});
