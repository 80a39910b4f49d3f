/**
 * The automatic mapping proposal (DESIGN.md §1 step 4): system fields matched
 * by code (or a connector-given alias, for amoCRM ⇄ Bitrix24), all fields by
 * normalised label and a compatible type, list items by label, a converter for
 * every type mismatch, custom fields without a match proposed for creation.
 * Read-only and reserved target fields are never written. Every decision comes
 * with a `ReviewItem` saying what and why, for the user to confirm.
 */
import type { EntityKind } from "../model/canonical.js";
import type { EntitySchema, FieldSchema, UserSummary } from "../model/schema.js";
import type { CreateFieldSpec, FieldRule } from "./mapping-schema.js";
import { chooseConverter, type ConverterDefaults } from "./propose-converter.js";
import { matchFields, type MatchOptions } from "./propose-match.js";
import { proposeUserMapping } from "./propose-users.js";
import type { ReviewField, ReviewItem } from "./review.js";

/** Knowledge the connectors add to a proposal: aliases, reserved fields, limits, defaults. */
export interface ProposeOptions extends MatchOptions {
  /** Length limit of the target's `string` fields, if any (amoCRM text fields: 256). */
  stringMaxLength?: number;
  /** Default "RUB". */
  defaultCurrency?: string;
  /** Default "RU". */
  defaultCountry?: ConverterDefaults["country"];
}

/** The two schemas of one entity (from `Connector.describe`) and, optionally, both systems' users. */
export interface ProposeEntityInput {
  entity: EntityKind;
  /** Default: the same kind as `entity`. */
  targetEntity?: EntityKind;
  source: EntitySchema;
  target: EntitySchema;
  sourceUsers?: readonly UserSummary[];
  targetUsers?: readonly UserSummary[];
  options?: ProposeOptions;
}

/** One rule per source field, in source order, and the review explaining them. */
export interface EntityProposal {
  rules: FieldRule[];
  review: ReviewItem[];
}

const view = (f: FieldSchema): ReviewField => ({
  code: f.code,
  label: f.label,
  type: f.type,
  multiple: f.multiple,
});

function createSpec(s: FieldSchema): CreateFieldSpec {
  return {
    label: s.label,
    type: s.type,
    multiple: s.multiple,
    ...(s.items ? { items: s.items.map((i) => i.label) } : {}),
    ...(s.refEntity ? { refEntity: s.refEntity } : {}),
  };
}

/** Proposes the field rules of one entity and explains each decision. */
export function proposeEntityMapping(input: ProposeEntityInput): EntityProposal {
  const options = input.options ?? {};
  const defaults: ConverterDefaults = {
    currency: options.defaultCurrency ?? "RUB",
    country: options.defaultCountry ?? "RU",
    ...(options.stringMaxLength !== undefined ? { stringMaxLength: options.stringMaxLength } : {}),
  };
  const decisions = matchFields(input.source, input.target, options, (s, t) => {
    return chooseConverter(s, t, defaults) !== null;
  });
  // Pipelines first: their item map tells which target pipeline each stage belongs to.
  for (const s of input.source.fields) {
    const d = decisions.get(s.code);
    if (s.type !== "pipeline" || d?.kind !== "map") continue;
    const choice = chooseConverter(s, d.target, defaults);
    if (choice?.converter.kind !== "enum_to_enum") continue;
    const pairs = Object.entries(choice.converter.valueMap).flatMap(([k, v]) =>
      v === null ? [] : [[k, v] as const],
    );
    defaults.pipelineMap = Object.fromEntries(pairs);
  }
  const users =
    input.sourceUsers && input.targetUsers
      ? proposeUserMapping(input.sourceUsers, input.targetUsers)
      : undefined;

  const rules: FieldRule[] = [];
  const review: ReviewItem[] = [];
  for (const s of input.source.fields) {
    const d = decisions.get(s.code);
    const ruleIndex = rules.length;
    if (!d || d.kind === "skip") {
      rules.push({ action: "skip", source: s.code });
      review.push({
        kind: d?.review ?? "unmapped_source",
        reason: d?.reason ?? "no_match",
        ruleIndex,
        source: view(s),
        ...(d?.target ? { target: view(d.target) } : {}),
      });
      continue;
    }
    const targetView =
      d.kind === "map"
        ? d.target
        : { type: s.type, multiple: s.multiple, items: [], refEntity: s.refEntity };
    const choice = chooseConverter(s, targetView, defaults);
    if (!choice) {
      rules.push({ action: "skip", source: s.code });
      review.push({
        kind: "unmapped_source",
        reason: "incompatible_type",
        ruleIndex,
        source: view(s),
      });
      continue;
    }
    const { converter, collapse } = choice;
    const extra = collapse ? { collapse } : {};
    if (d.kind === "create") {
      const spec = createSpec(s);
      rules.push({ action: "map", source: s.code, target: { create: spec }, converter, ...extra });
      const items = spec.items?.map((label) => ({ label }));
      review.push({
        kind: "create_field",
        reason: d.reason,
        ruleIndex,
        source: view(s),
        target: { label: spec.label, type: spec.type, multiple: spec.multiple },
        converter,
        ...(items ? { items } : {}),
      });
      continue;
    }
    rules.push({
      action: "map",
      source: s.code,
      target: { code: d.target.code },
      converter,
      ...extra,
    });
    const counts: Record<string, number> = {};
    if (converter.kind === "enum_to_enum")
      Object.assign(counts, {
        matchedItems: choice.matchedItems,
        newItems: choice.newItems.length,
      });
    if (converter.kind === "user_ref" && users) {
      Object.assign(counts, {
        matchedUsers: users.matched.length,
        unmatchedUsers: users.unmatched.length,
      });
    }
    const same = s.type === d.target.type && !collapse;
    review.push({
      kind: same ? "matched" : "converted",
      reason: d.reason,
      ruleIndex,
      source: view(s),
      target: view(d.target),
      converter,
      ...extra,
      ...(Object.keys(counts).length > 0 ? { counts } : {}),
    });
    if (choice.newItems.length > 0) {
      review.push({
        kind: "create_items",
        reason: "new_items",
        ruleIndex,
        source: view(s),
        target: view(d.target),
        items: choice.newItems,
      });
    }
  }

  const fed = new Set(
    rules.flatMap((r) => (r.action === "map" && "code" in r.target ? [r.target.code] : [])),
  );
  const reserved = new Set(options.reservedTargetCodes ?? []);
  for (const t of input.target.fields) {
    if (t.required && !t.readOnly && !reserved.has(t.code) && !fed.has(t.code)) {
      review.push({ kind: "missing_required_target", reason: "no_source", target: view(t) });
    }
  }
  return { rules, review };
}
