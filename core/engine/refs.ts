/**
 * Links between records (contact → company, deal → contacts). The mapping
 * rewrites a link through the id map; the engine loads the id map for every
 * link of a page up front (one `getMany` per referenced entity), and the pilot
 * uses the same scan to bring along the records its sample points to.
 */
import type { FieldRule } from "../mapping/index.js";
import {
  ENTITY_KINDS,
  type CanonicalRecord,
  type EntityKind,
  type ScalarValue,
} from "../model/canonical.js";
import type { RunContext } from "./context.js";

const KINDS: ReadonlySet<string> = new Set(ENTITY_KINDS);

function idOf(value: ScalarValue): string | undefined {
  if (typeof value === "string") return value.trim() === "" ? undefined : value;
  if (typeof value === "number") return String(value);
  return undefined;
}

/** Source ids each record links to, by referenced entity (a value may carry its entity: "contacts:12"). */
export function referencedIds(
  rules: readonly FieldRule[],
  records: readonly CanonicalRecord[],
): Map<EntityKind, Set<string>> {
  const found = new Map<EntityKind, Set<string>>();
  for (const rule of rules) {
    if (rule.action !== "map" || rule.converter.kind !== "entity_ref") continue;
    const fallback = rule.converter.entity;
    for (const record of records) {
      const raw = record.fields[rule.source];
      const values = raw === null || raw === undefined ? [] : Array.isArray(raw) ? raw : [raw];
      for (const value of values) {
        const id = idOf(value);
        if (id === undefined) continue;
        const colon = id.indexOf(":");
        const prefix = colon > 0 ? id.slice(0, colon) : "";
        const [entity, sourceId] = KINDS.has(prefix)
          ? [prefix as EntityKind, id.slice(colon + 1)]
          : [fallback, id];
        const set = found.get(entity) ?? new Set<string>();
        set.add(sourceId);
        found.set(entity, set);
      }
    }
  }
  return found;
}

/** `resolveRef` for a page: the target ids of every record it links to, loaded in one query per entity. */
export async function preloadRefs(
  ctx: RunContext,
  entity: EntityKind,
  records: readonly CanonicalRecord[],
): Promise<(entity: EntityKind, sourceId: string) => string | undefined> {
  const maps = new Map<EntityKind, Map<string, string>>();
  for (const [refEntity, ids] of referencedIds(ctx.mapping.rules(entity), records)) {
    maps.set(refEntity, await ctx.input.stores.idMap.getMany(ctx.migrationId, refEntity, [...ids]));
  }
  return (refEntity, sourceId) => maps.get(refEntity)?.get(sourceId);
}
