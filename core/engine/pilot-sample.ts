/**
 * The pilot's sample (DESIGN.md §1 step 6): the first N records of each
 * chosen entity, plus every record they link to, so a pilot deal arrives with
 * its company and contacts even when those are not among the first N.
 * Computed top-down (deals, then contacts, then companies): each entity's
 * sample adds the ids it references to the entities before it, which are
 * fetched with `readByIds` — a contact brought along by a deal brings its
 * company in turn.
 */
import type { CanonicalRecord, EntityKind } from "../model/canonical.js";
import type { RunContext } from "./context.js";
import { referencedIds } from "./refs.js";
import { firstRecords } from "./source-pages.js";

/** Records per entity (dependency order) for a pilot of `size` per chosen entity. */
export async function pilotSample(
  ctx: RunContext,
  chosen: readonly EntityKind[],
  size: number,
): Promise<Map<EntityKind, CanonicalRecord[]>> {
  const wanted = new Map<EntityKind, Set<string>>();
  const samples = new Map<EntityKind, CanonicalRecord[]>();
  for (const entity of [...ctx.entities].reverse()) {
    const own = chosen.includes(entity) ? await firstRecords(ctx, entity, size) : [];
    const have = new Set(own.map((r) => r.id));
    const extraIds = [...(wanted.get(entity) ?? [])].filter((id) => !have.has(id));
    const extras =
      extraIds.length === 0
        ? []
        : await ctx.call("source", () =>
            ctx.input.source.readByIds(entity, extraIds, ctx.input.signal),
          );
    const records = [...own, ...extras];
    if (records.length === 0) continue;
    samples.set(entity, records);
    const position = ctx.entities.indexOf(entity);
    for (const [ref, ids] of referencedIds(ctx.mapping.rules(entity), records)) {
      const at = ctx.entities.indexOf(ref);
      if (at < 0 || at >= position) continue; // not migrated, or not written before this entity
      const set = wanted.get(ref) ?? new Set<string>();
      for (const id of ids) set.add(id);
      wanted.set(ref, set);
    }
  }
  return new Map(
    ctx.entities.flatMap((e) => {
      const records = samples.get(e);
      return records ? [[e, records] as const] : [];
    }),
  );
}
