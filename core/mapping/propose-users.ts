/**
 * Matching users of two systems by e-mail (case-insensitive), the way a person
 * would: the same mailbox is the same employee. Unmatched users are listed so
 * the chat can ask; their records go to `defaultTargetUserId`.
 */
import type { UserSummary } from "../model/schema.js";
import type { UserMapping } from "./mapping-schema.js";

/** The `users` section of a mapping and the matching behind it, for the review. */
export interface UserProposal {
  users: UserMapping;
  matched: Array<{ sourceId: string; targetId: string; email: string; targetActive: boolean }>;
  /** Source users with no target user of the same e-mail. */
  unmatched: UserSummary[];
}

/** Who may receive unmatched users' records. */
export interface ProposeUsersOptions {
  /** Target users with admin rights (e.g. the connection's own user): the first active one becomes the default. */
  adminUserIds?: readonly string[];
}

const emailKey = (email: string | null) => (email === null ? "" : email.trim().toLowerCase());

/** Proposes `users` of a mapping: same e-mail and active in the target; others go to the default user. */
export function proposeUserMapping(
  sourceUsers: readonly UserSummary[],
  targetUsers: readonly UserSummary[],
  options: ProposeUsersOptions = {},
): UserProposal {
  const byEmail = new Map<string, UserSummary>();
  for (const user of targetUsers) {
    const key = emailKey(user.email);
    const known = byEmail.get(key);
    if (key !== "" && (!known || (!known.active && user.active))) byEmail.set(key, user);
  }
  const byId: Record<string, string> = {};
  const matched: UserProposal["matched"] = [];
  const unmatched: UserSummary[] = [];
  for (const user of sourceUsers) {
    const target = byEmail.get(emailKey(user.email));
    // A deactivated target user cannot be made responsible (Bitrix24 refuses the
    // record), so such a source user counts as unmatched: the default user gets it.
    if (!target || !target.active) {
      unmatched.push(user);
      continue;
    }
    byId[user.id] = target.id;
    matched.push({
      sourceId: user.id,
      targetId: target.id,
      email: emailKey(user.email),
      targetActive: target.active,
    });
  }
  const admins = new Set(options.adminUserIds ?? []);
  const fallback = targetUsers.find((u) => u.active && admins.has(u.id));
  return { users: { byId, defaultTargetUserId: fallback?.id ?? null }, matched, unmatched };
}
