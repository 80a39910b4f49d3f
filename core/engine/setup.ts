/**
 * Setup before copying (DESIGN.md §1 step 4's "proposed fixes" made real):
 * describe both sides, create the custom fields the mapping asks for, and
 * add the list items, pipelines and stages it maps to "create". Every created
 * code and id goes into the mapping and is persisted at once, so setup is
 * idempotent and a resumed run uses the very same mapping. Costs two describe
 * requests per entity plus one per creation call.
 */
import { fieldsToCreate, withCreatedFields, type MissingItem } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { FieldSchema } from "../model/schema.js";
import type { EntitySchemas, RunContext } from "./context.js";
import { createMissingItems } from "./items.js";

/** Describes every entity of the run and creates what the mapping needs in the target. */
export async function runSetup(
  ctx: RunContext,
  entities: readonly EntityKind[] = ctx.entities,
): Promise<void> {
  ctx.progress.setPhase("setup");
  ctx.emit.event({ type: "phase", phase: "setup", entity: null });
  const { source, target, signal } = ctx.input;
  for (const entity of entities) {
    const targetEntity = ctx.mapping.targetEntity(entity);
    const sourceSchema = await ctx.call("source", () => source.describe(entity, signal));
    const targetSchema = await ctx.call("target", () => target.describe(targetEntity, signal));
    const wanted = fieldsToCreate(ctx.mapping.current, entity);
    if (wanted.length > 0) {
      const fields = await ctx.call("target", () =>
        target.ensureFields(
          targetEntity,
          wanted.map((w) => w.spec),
          signal,
        ),
      );
      const created = wanted.flatMap((w, i) => {
        const field = fields[i];
        return field ? [{ ruleIndex: w.ruleIndex, field }] : [];
      });
      await ctx.mapping.update(
        withCreatedFields(ctx.mapping.current, entity, created, sourceSchema),
      );
      targetSchema.fields = mergeFields(targetSchema.fields, fields);
      ctx.emit.event({
        type: "fields_created",
        entity,
        fields: fields.map(({ code, label }) => ({ code, label })),
      });
    }
    const schemas: EntitySchemas = { source: sourceSchema, target: targetSchema };
    ctx.schemas.set(entity, schemas);
    await createMissingItems(ctx, entity, itemsToCreate(ctx, entity, schemas, false));
    await createMissingItems(ctx, entity, itemsToCreate(ctx, entity, schemas, true));
  }
}

function mergeFields(
  existing: readonly FieldSchema[],
  created: readonly FieldSchema[],
): FieldSchema[] {
  const codes = new Set(created.map((f) => f.code));
  return [...existing.filter((f) => !codes.has(f.code)), ...created];
}

/**
 * Source items of list rules with `onUnknown: "create"` that the value map
 * lacks: `stages` false = enums and pipelines, true = stages (placed in the
 * target pipeline their source pipeline maps to; skipped while it maps to none).
 */
function itemsToCreate(
  ctx: RunContext,
  entity: EntityKind,
  schemas: EntitySchemas,
  stages: boolean,
): MissingItem[] {
  const rules = ctx.mapping.rules(entity);
  const typeOf = (code: string) => schemas.target.fields.find((f) => f.code === code)?.type;
  const targetCode = (rule: (typeof rules)[number]) =>
    rule.action === "map" && "code" in rule.target ? rule.target.code : undefined;
  const pipelineRule = rules.find((r) => {
    const code = targetCode(r);
    return code !== undefined && typeOf(code) === "pipeline";
  });
  const pipelineMap =
    pipelineRule?.action === "map" && pipelineRule.converter.kind === "enum_to_enum"
      ? pipelineRule.converter.valueMap
      : {};

  return rules.flatMap((rule): MissingItem[] => {
    const fieldCode = targetCode(rule);
    if (rule.action !== "map" || fieldCode === undefined) return [];
    if (rule.converter.kind !== "enum_to_enum" || rule.converter.onUnknown !== "create") return [];
    if ((typeOf(fieldCode) === "stage") !== stages) return [];
    const { valueMap } = rule.converter;
    const sourceItems = schemas.source.fields.find((f) => f.code === rule.source)?.items ?? [];
    return sourceItems.flatMap((item): MissingItem[] => {
      if (Object.hasOwn(valueMap, item.id)) return [];
      const group = stages && item.group !== undefined ? pipelineMap[item.group] : undefined;
      if (stages && item.group !== undefined && (group === undefined || group === null)) return [];
      return [
        {
          fieldCode,
          sourceCode: rule.source,
          sourceKey: item.id,
          label: item.label,
          ...(typeof group === "string" ? { group } : {}),
          ...(item.semantics !== undefined ? { semantics: item.semantics } : {}),
        },
      ];
    });
  });
}
