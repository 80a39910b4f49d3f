/**
 * `check()` and `listUsers()`: who we are on the portal and who works there.
 *
 * check: one batch of `profile` (user, admin flag), `scope` (granted scopes) and
 * `user.current` (e-mail; needs the `user` scope, so it may fail on its own).
 * https://apidocs.bitrix24.com/api-reference/common/system/profile.html,
 * https://apidocs.bitrix24.com/api-reference/common/system/scope.html
 *
 * listUsers: `user.get` with `ADMIN_MODE` (every user, terminated ones too), chained
 * 50 pages per request by `>ID`. https://apidocs.bitrix24.com/api-reference/user/user-get.html
 */
import { z } from "zod";
import { authError, transientError } from "../../errors.js";
import type { UserSummary } from "../../model/schema.js";
import type { ConnectionCheck } from "../connector.js";
import type { Bitrix24Client } from "./client.js";
import { listPages } from "./list-all.js";
import { idSchema } from "./wire.js";

/** What a migration between portals needs: CRM data, and users for matching by e-mail. */
export const REQUIRED_SCOPES = ["crm", "user"] as const;

/** Narrower scopes that also let us read users (`RestManager::fillAlternativeScope`). */
const SCOPE_ALTERNATIVES: Readonly<Record<string, readonly string[]>> = {
  user: ["user_basic", "user_brief"],
};

const profileSchema = z.union([
  z
    .object({
      ID: idSchema,
      ADMIN: z.union([z.boolean(), z.string()]).optional(),
      NAME: z.string().nullable().optional(),
      LAST_NAME: z.string().nullable().optional(),
    })
    .loose(),
  z.array(z.unknown()).transform(() => null),
]);
const currentUserSchema = z.object({ EMAIL: z.string().nullable().optional() }).loose();
const scopesSchema = z.array(z.string());

const userRowSchema = z
  .object({
    ID: idSchema,
    ACTIVE: z.union([z.boolean(), z.string()]).optional(),
    NAME: z.string().nullable().optional(),
    LAST_NAME: z.string().nullable().optional(),
    EMAIL: z.string().nullable().optional(),
  })
  .loose();

const fullName = (name?: string | null, last?: string | null) =>
  [name ?? "", last ?? ""]
    .map((s) => s.trim())
    .filter(Boolean)
    .join(" ");

const truthy = (v: boolean | string | undefined) =>
  v === true || v === "Y" || v === "1" || v === "true";

export interface CheckContext {
  client: Bitrix24Client;
  deployment: ConnectionCheck["deployment"];
  accountId: string | null;
}

export async function checkConnection(
  ctx: CheckContext,
  signal: AbortSignal,
): Promise<ConnectionCheck> {
  const { client } = ctx;
  const out = await client.batch(
    [
      { key: "profile", method: "profile", params: {} },
      { key: "scope", method: "scope", params: {} },
      { key: "me", method: "user.current", params: {} },
    ],
    { kind: "setup", signal },
  );
  const profileOutcome = out.get("profile");
  if (profileOutcome !== undefined && !profileOutcome.ok) throw profileOutcome.error;
  const profile = profileSchema.safeParse(profileOutcome?.result);
  if (profile.success && profile.data === null) {
    throw authError(
      `The user of this connection to Bitrix24 portal ${client.host} is deactivated; connect with an active administrator`,
      { code: "user_inactive", details: { host: client.host } },
    );
  }
  if (!profile.success || profile.data === null) {
    throw transientError(
      `Bitrix24 portal ${client.host} did not say who the connection belongs to`,
      {
        code: "unexpected_answer",
        details: { host: client.host },
      },
    );
  }
  const scopeOutcome = out.get("scope");
  const scopes = scopeOutcome?.ok ? (scopesSchema.safeParse(scopeOutcome.result).data ?? []) : [];
  const me = out.get("me");
  const email = me?.ok ? (currentUserSchema.safeParse(me.result).data?.EMAIL ?? null) : null;
  const missingScopes = REQUIRED_SCOPES.filter(
    (scope) =>
      !scopes.includes(scope) &&
      !(SCOPE_ALTERNATIVES[scope] ?? []).some((alt) => scopes.includes(alt)),
  );
  return {
    system: "bitrix24",
    accountName: client.host,
    accountId: ctx.accountId,
    deployment: ctx.deployment,
    user: {
      id: profile.data.ID,
      name: fullName(profile.data.NAME, profile.data.LAST_NAME) || `#${profile.data.ID}`,
      email: email === null || email === "" ? null : email.toLowerCase(),
      isAdmin: truthy(profile.data.ADMIN),
    },
    scopes,
    missingScopes,
  };
}

/** Every user of the portal (e-mails lower-cased), 2,500 per request. */
export async function listUsers(
  client: Bitrix24Client,
  signal: AbortSignal,
): Promise<UserSummary[]> {
  const users: UserSummary[] = [];
  let cursor = "0";
  for (;;) {
    const chunk = await listPages(
      client,
      {
        method: "user.get",
        kind: "read",
        params: (after) => ({
          sort: "ID",
          order: "ASC",
          ADMIN_MODE: true,
          FILTER: { ">ID": after },
          select: ["ID", "ACTIVE", "NAME", "LAST_NAME", "EMAIL"],
          start: -1,
        }),
      },
      cursor,
      signal,
    );
    for (const row of chunk.rows) {
      const user = userRowSchema.safeParse(row);
      if (!user.success) continue;
      const { ID, ACTIVE, NAME, LAST_NAME, EMAIL } = user.data;
      const email = EMAIL?.trim().toLowerCase() ?? "";
      users.push({
        id: ID,
        email: email === "" ? null : email,
        name: fullName(NAME, LAST_NAME) || `#${ID}`,
        active: ACTIVE === undefined ? true : truthy(ACTIVE),
      });
    }
    cursor = chunk.cursor;
    if (chunk.done) return users;
  }
}
