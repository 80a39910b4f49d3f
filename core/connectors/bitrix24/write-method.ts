/**
 * Which of two equivalent methods a batch of writes goes out with. Bitrix24 cloud
 * charges execution time per method (480 s per sliding 10 minutes), so
 * `crm.item.add` has a budget of its own beside `crm.contact.add`: once the limiter
 * blocks the legacy method, the universal one carries the writes, and when both are
 * blocked, the one that frees first. Nothing is blocked without operating pressure
 * (on-premise portals, small runs), so writes stay on the legacy method there.
 * https://apidocs.bitrix24.com/limits.html
 */
import type { CrmName } from "./names.js";

export type WriteMethod = "legacy" | "item";

/** `legacy`, unless it is blocked and `item` frees sooner. */
export function pickWriteMethod(
  blocked: Readonly<Record<string, number>>,
  legacy: string,
  item: string,
): WriteMethod {
  const legacyWaitMs = blocked[legacy] ?? 0;
  if (legacyWaitMs <= 0) return "legacy";
  return (blocked[item] ?? 0) < legacyWaitMs ? "item" : "legacy";
}

/** The method for creates and for updates of one entity, given what is blocked now. */
export interface WriteRoute {
  add: WriteMethod;
  update: WriteMethod;
}

export const LEGACY_ROUTE: WriteRoute = { add: "legacy", update: "legacy" };

export function writeRoute(blocked: Readonly<Record<string, number>>, name: CrmName): WriteRoute {
  return {
    add: pickWriteMethod(blocked, `crm.${name}.add`, "crm.item.add"),
    update: pickWriteMethod(blocked, `crm.${name}.update`, "crm.item.update"),
  };
}

/**
 * The next batch: up to `limit` items `sendsNow` accepts, in order, and the rest in
 * order for later batches. While crm.item carries the writes, a record it cannot write
 * as it is (an address, a file) waits for a batch of the legacy method instead of
 * holding a whole batch up; if no item is accepted, the first `limit` go anyway and
 * wait for their method.
 */
export function nextBatch<T>(
  queue: readonly T[],
  limit: number,
  sendsNow: (item: T) => boolean,
): { batch: T[]; rest: T[] } {
  const batch: T[] = [];
  const rest: T[] = [];
  for (const item of queue) {
    if (batch.length < limit && sendsNow(item)) batch.push(item);
    else rest.push(item);
  }
  return batch.length > 0
    ? { batch, rest }
    : { batch: rest.slice(0, limit), rest: rest.slice(limit) };
}
