/**
 * Creating list items the target lacks (enum values, pipelines, stages) and
 * recording their ids in the mapping at once, so the same item is never
 * created twice: not on the next page, not after a restart. Pipelines go
 * before stages, because a new stage belongs to a (possibly new) pipeline.
 */
import { withCreatedItems, type CreatedItem, type MissingItem } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { EnumItem } from "../model/schema.js";
import type { RunContext } from "./context.js";

const keyOf = (m: MissingItem) =>
  JSON.stringify([m.fieldCode, m.sourceCode, m.sourceKey, m.group ?? null]);

/** Creates (or finds by label) the missing items, updates the mapping and the target schema; returns how many were asked for. */
export async function createMissingItems(
  ctx: RunContext,
  entity: EntityKind,
  missing: readonly MissingItem[],
): Promise<number> {
  const unique = [...new Map(missing.map((m) => [keyOf(m), m])).values()];
  if (unique.length === 0) return 0;
  const schemas = ctx.schemasOf(entity);
  const typeOf = (code: string) => schemas.target.fields.find((f) => f.code === code)?.type;
  const byField = new Map<string, MissingItem[]>();
  for (const m of unique) byField.set(m.fieldCode, [...(byField.get(m.fieldCode) ?? []), m]);
  const fields = [...byField.keys()].sort(
    (a, b) => Number(typeOf(b) === "pipeline") - Number(typeOf(a) === "pipeline"),
  );

  const targetEntity = ctx.mapping.targetEntity(entity);
  const created: CreatedItem[] = [];
  for (const fieldCode of fields) {
    const wanted = byField.get(fieldCode) ?? [];
    const request = wanted.map((m) => ({
      label: m.label,
      ...(m.group !== undefined ? { group: m.group } : {}),
      ...(m.semantics !== undefined ? { semantics: m.semantics } : {}),
    }));
    const items = await ctx.call("target", () =>
      ctx.input.target.ensureItems(targetEntity, fieldCode, request, ctx.input.signal),
    );
    wanted.forEach((m, i) => {
      const item = items[i];
      if (item) created.push({ fieldCode, sourceCode: m.sourceCode, sourceKey: m.sourceKey, item });
    });
    addItems(
      schemas.target.fields.find((f) => f.code === fieldCode),
      items,
    );
    ctx.emit.event({ type: "items_created", entity, fieldCode, labels: items.map((i) => i.label) });
  }
  await ctx.mapping.update(withCreatedItems(ctx.mapping.current, entity, created));
  return unique.length;
}

function addItems(
  field: { items?: EnumItem[] | undefined } | undefined,
  items: readonly EnumItem[],
): void {
  if (!field) return;
  const list = (field.items ??= []);
  for (const item of items) if (!list.some((i) => i.id === item.id)) list.push(item);
}
