/**
 * What the mapping review shows for one entity, computed from the draft mapping
 * and both schemas (so an edited or uploaded mapping is shown the same way as
 * the proposal): how many fields matched plainly, and one line per field that
 * needs a look, with the proposed fix (a conversion, a field or list values to
 * create, or "not migrated"). Pure; the chat renders it (review-text.ts).
 */
import type { ConverterKind, Mapping, MappingProblem } from "../../../core/mapping/index.js";
import type { EntityKind, FieldType } from "../../../core/model/canonical.js";
import { findField, type FieldSchema } from "../../../core/model/schema.js";
import type { EntitySchemas } from "./edit-rule.js";

export interface ReviewLine {
  ruleIndex: number;
  source: { code: string; label: string; type: FieldType };
  change: "map" | "convert" | "create_field" | "skip";
  target?: { label: string; type: FieldType };
  converter?: ConverterKind;
  /** List values the run will add to the target list. */
  newItems?: number;
}

export interface EntityReview {
  entity: EntityKind;
  /** Fields moved as they are, not listed. */
  matched: number;
  lines: ReviewLine[];
  /** Errors of this entity's part of the mapping; the review cannot be accepted with any. */
  errors: MappingProblem[];
}

const view = (f: FieldSchema) => ({ code: f.code, label: f.label, type: f.type });

/** Source items of a list rule that its value map lacks: created in the target by the run. */
function missingItems(source: FieldSchema, valueMap: Record<string, string | null>): number {
  return (source.items ?? []).filter((i) => !Object.hasOwn(valueMap, i.id)).length;
}

export function entityReview(
  mapping: Mapping,
  entity: EntityKind,
  schemas: EntitySchemas,
  attention: readonly string[],
  problems: readonly MappingProblem[],
): EntityReview {
  const rules = mapping.entities[entity]?.fields ?? [];
  const lines: ReviewLine[] = [];
  let matched = 0;
  rules.forEach((rule, ruleIndex) => {
    if (rule.action === "constant") return;
    const source = findField(schemas.source, rule.source);
    if (source === undefined) return;
    const listed = attention.includes(rule.source);
    if (rule.action === "skip") {
      if (listed) lines.push({ ruleIndex, source: view(source), change: "skip" });
      return;
    }
    const { converter } = rule;
    const newItems =
      converter.kind === "enum_to_enum" && converter.onUnknown === "create"
        ? missingItems(source, converter.valueMap)
        : 0;
    if ("create" in rule.target) {
      const spec = rule.target.create;
      lines.push({
        ruleIndex,
        source: view(source),
        change: "create_field",
        target: { label: spec.label, type: spec.type },
        converter: converter.kind,
      });
      return;
    }
    const target = findField(schemas.target, rule.target.code);
    // Same type both sides: at most a normalisation (phones to E.164, dates), nothing to decide.
    const plain =
      target !== undefined && target.type === source.type && !rule.collapse && newItems === 0;
    if (plain && !listed) {
      matched += 1;
      return;
    }
    lines.push({
      ruleIndex,
      source: view(source),
      change: plain ? "map" : "convert",
      target:
        target === undefined
          ? { label: rule.target.code, type: source.type }
          : { label: target.label, type: target.type },
      converter: converter.kind,
      ...(newItems > 0 ? { newItems } : {}),
    });
  });
  const prefix = `entities.${entity}`;
  const errors = problems.filter(
    (p) =>
      p.severity === "error" &&
      (p.path === prefix || p.path.startsWith(`${prefix}.`) || p.path.startsWith(`${prefix}[`)),
  );
  return { entity, matched, lines, errors };
}
