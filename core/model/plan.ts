/**
 * Dependency order of entities (DESIGN.md §3 "Plan"): a record is written only
 * after everything it can reference, so references resolve through the id map.
 */
import { ENTITY_KINDS, type EntityKind } from "./canonical.js";

/** `ENTITY_KINDS` is declared in dependency order; one list, so the two cannot drift. */
export const ENTITY_ORDER: readonly EntityKind[] = ENTITY_KINDS;

/** Which entities a record of `entity` may point to (before it in the order). */
export const ENTITY_DEPENDENCIES: Readonly<Record<EntityKind, readonly EntityKind[]>> = {
  users: [],
  departments: [],
  companies: [],
  contacts: ["companies"],
  leads: ["companies", "contacts"],
  deals: ["companies", "contacts", "leads"],
  activities: ["companies", "contacts", "leads", "deals"],
  timeline_comments: ["companies", "contacts", "leads", "deals"],
  tasks: ["companies", "contacts", "leads", "deals"],
  task_comments: ["tasks"],
  calls: ["companies", "contacts", "leads", "deals"],
};

/** The chosen entities in the order they must be migrated. */
export function orderEntities(chosen: Iterable<EntityKind>): EntityKind[] {
  const set = new Set(chosen);
  return ENTITY_ORDER.filter((e) => set.has(e));
}

/** Rollback removes newest dependants first: the reverse order. */
export function rollbackOrder(chosen: Iterable<EntityKind>): EntityKind[] {
  return orderEntities(chosen).reverse();
}
