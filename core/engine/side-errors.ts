/**
 * Connector errors with their side attached. A user must know which CRM
 * refused (a revoked webhook on the target is fixed in the target portal), so
 * every `PereezdError` from a connector is rethrown with `details.side` and
 * `details.account` (the connection's label, e.g. the portal host, never a
 * secret). Kind, code and `retryAfterMs` are kept: the caller schedules on them.
 */
import { PereezdError, isPereezdError } from "../errors.js";
import type { Stores } from "../store/stores.js";
import type { Migration } from "../store/ports/index.js";
import type { Side } from "./types.js";

/** Looks up (once) the human label of each side's connection. */
export function accountResolver(
  stores: Stores,
  migration: Migration,
): (side: Side) => Promise<string> {
  const cache = new Map<Side, string>();
  return async (side) => {
    const cached = cache.get(side);
    if (cached !== undefined) return cached;
    const id = side === "source" ? migration.sourceConnectionId : migration.targetConnectionId;
    const label = (await stores.connections.getById(id).catch(() => null))?.label ?? id;
    cache.set(side, label);
    return label;
  };
}

const WHAT: Record<Side, string> = { source: "source", target: "target" };

/** The error with side and account attached; anything that is not a `PereezdError` is returned as is. */
export async function attributeError(
  error: unknown,
  side: Side,
  account: (side: Side) => Promise<string>,
): Promise<unknown> {
  if (!isPereezdError(error) || error.details?.side !== undefined) return error;
  const name = await account(side);
  const message =
    error.kind === "auth"
      ? `The ${WHAT[side]} CRM (${name}) refused the credentials: ${error.message}`
      : `The ${WHAT[side]} CRM (${name}): ${error.message}`;
  return new PereezdError(error.kind, message, {
    ...(error.code !== undefined ? { code: error.code } : {}),
    ...(error.retryAfterMs !== undefined ? { retryAfterMs: error.retryAfterMs } : {}),
    details: { ...error.details, side, account: name },
    cause: error,
  });
}
