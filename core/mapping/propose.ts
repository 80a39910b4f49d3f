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
import type { CreateFieldSpec, FieldRule, Mapping, TimeZones } from "./mapping-schema.js";
import { normalizeLabel } from "./normalize.js";
import { chooseConverter, type ConverterDefaults } from "./propose-converter.js";
import { proposeUserMapping, type UserProposal } from "./propose-users.js";
import type { ReviewField, ReviewItem, ReviewReason } from "./review.js";

export interface ProposeOptions {
  /** Source code → target code for system fields that differ by name (amoCRM `price` → Bitrix24 `OPPORTUNITY`). */
  aliases?: Readonly<Record<string, string>>;
  /** Target fields the connector fills itself and the mapping must never write (`ORIGINATOR_ID`, `ORIGIN_ID`). */
  reservedTargetCodes?: readonly string[];
  /** Length limit of the target's `string` fields, if any. */
  stringMaxLength?: number;
  /** Default "RUB". */
  defaultCurrency?: string;
  /** Default "RU". */
  defaultCountry?: ConverterDefaults["country"];
}

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

export interface EntityProposal {
  rules: FieldRule[];
  review: ReviewItem[];
}

type Decision =
  | { kind: "map"; target: FieldSchema; reason: ReviewReason }
  | { kind: "create"; reason: ReviewReason }
  | { kind: "skip"; review: "skipped" | "unmapped_source"; reason: ReviewReason; target?: FieldSchema };

const view = (f: FieldSchema): ReviewField => ({ code: f.code, label: f.label, type: f.type, multiple: f.multiple });
const CANNOT_CREATE: ReadonlySet<string> = new Set(["pipeline", "stage"]);

function decide(input: ProposeEntityInput, defaults: ConverterDefaults): Map<string, Decision> {
  const { source, target, options = {} } = input;
  const reserved = new Set(options.reservedTargetCodes ?? []);
  const used = new Set<string>();
  const decisions = new Map<string, Decision>();
  const fits = (s: FieldSchema, t: FieldSchema) => chooseConverter(s, t, defaults) !== null;

  for (const s of source.fields) {
    const code = options.aliases?.[s.code] ?? (s.custom ? undefined : s.code);
    const t = code === undefined ? undefined : target.fields.find((f) => f.code === code);
    if (!t || used.has(t.code)) continue;
    const reason: ReviewReason = code === s.code ? "same_code" : "alias";
    if (reserved.has(t.code)) decisions.set(s.code, { kind: "skip", review: "skipped", reason: "target_reserved", target: t });
    else if (t.readOnly) decisions.set(s.code, { kind: "skip", review: "skipped", reason: "target_read_only", target: t });
    else if (fits(s, t)) {
      decisions.set(s.code, { kind: "map", target: t, reason });
      used.add(t.code);
    } else if (!s.custom) decisions.set(s.code, { kind: "skip", review: "skipped", reason: "incompatible_type", target: t });
  }

  for (const s of source.fields) {
    if (decisions.has(s.code)) continue;
    const label = normalizeLabel(s.label);
    const sameLabel = target.fields
      .filter((t) => !used.has(t.code) && !t.readOnly && !reserved.has(t.code) && normalizeLabel(t.label) === label)
      .sort((a, b) => Number(b.type === s.type) - Number(a.type === s.type));
    const t = sameLabel.find((c) => fits(s, c));
    if (t) {
      decisions.set(s.code, { kind: "map", target: t, reason: "same_label" });
      used.add(t.code);
      continue;
    }
    const readOnly = target.fields.find((t) => t.readOnly && normalizeLabel(t.label) === label);
    if (readOnly) {
      decisions.set(s.code, { kind: "skip", review: "skipped", reason: "target_read_only", target: readOnly });
      continue;
    }
    const reason: ReviewReason = sameLabel.length > 0 ? "incompatible_type" : "no_match";
    if (s.custom && !CANNOT_CREATE.has(s.type)) decisions.set(s.code, { kind: "create", reason });
    else decisions.set(s.code, { kind: "skip", review: "unmapped_source", reason: s.custom ? reason : "system_field" });
  }
  return decisions;
}

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
  const decisions = decide(input, defaults);
  // Pipelines first: their item map tells which target pipeline each stage belongs to.
  for (const s of input.source.fields) {
    const d = decisions.get(s.code);
    if (s.type !== "pipeline" || d?.kind !== "map") continue;
    const choice = chooseConverter(s, d.target, defaults);
    if (choice?.converter.kind !== "enum_to_enum") continue;
    const pairs = Object.entries(choice.converter.valueMap).flatMap(([k, v]) => (v === null ? [] : [[k, v] as const]));
    defaults.pipelineMap = Object.fromEntries(pairs);
  }
  const users =
    input.sourceUsers && input.targetUsers ? proposeUserMapping(input.sourceUsers, input.targetUsers) : undefined;

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
    const targetView = d.kind === "map" ? d.target : { type: s.type, multiple: s.multiple, items: [], refEntity: s.refEntity };
    const choice = chooseConverter(s, targetView, defaults);
    if (!choice) {
      rules.push({ action: "skip", source: s.code });
      review.push({ kind: "unmapped_source", reason: "incompatible_type", ruleIndex, source: view(s) });
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
    rules.push({ action: "map", source: s.code, target: { code: d.target.code }, converter, ...extra });
    const counts: Record<string, number> = {};
    if (converter.kind === "enum_to_enum") Object.assign(counts, { matchedItems: choice.matchedItems, newItems: choice.newItems.length });
    if (converter.kind === "user_ref" && users) {
      Object.assign(counts, { matchedUsers: users.matched.length, unmatchedUsers: users.unmatched.length });
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
      review.push({ kind: "create_items", reason: "new_items", ruleIndex, source: view(s), target: view(d.target), items: choice.newItems });
    }
  }

  const fed = new Set(rules.flatMap((r) => (r.action === "map" && "code" in r.target ? [r.target.code] : [])));
  const reserved = new Set(options.reservedTargetCodes ?? []);
  for (const t of input.target.fields) {
    if (t.required && !t.readOnly && !reserved.has(t.code) && !fed.has(t.code)) {
      review.push({ kind: "missing_required_target", reason: "no_source", target: view(t) });
    }
  }
  return { rules, review };
}

export interface ProposeMappingInput {
  entities: ReadonlyArray<Pick<ProposeEntityInput, "entity" | "targetEntity" | "source" | "target">>;
  timeZones: TimeZones;
  sourceUsers?: readonly UserSummary[];
  targetUsers?: readonly UserSummary[];
  /** Target admins, for the default user of unmatched users' records. */
  adminUserIds?: readonly string[];
  options?: ProposeOptions;
}

export interface MappingProposal {
  mapping: Mapping;
  review: Partial<Record<EntityKind, ReviewItem[]>>;
  users: UserProposal | null;
}

/** Proposes a whole migration's mapping: every chosen entity plus the user table. */
export function proposeMapping(input: ProposeMappingInput): MappingProposal {
  const users =
    input.sourceUsers && input.targetUsers
      ? proposeUserMapping(input.sourceUsers, input.targetUsers, { adminUserIds: input.adminUserIds ?? [] })
      : null;
  const mapping: Mapping = {
    version: 1,
    timeZones: input.timeZones,
    users: users?.users ?? { byId: {}, defaultTargetUserId: null },
    entities: {},
  };
  const review: MappingProposal["review"] = {};
  for (const e of input.entities) {
    const proposal = proposeEntityMapping({
      ...e,
      ...(input.sourceUsers ? { sourceUsers: input.sourceUsers } : {}),
      ...(input.targetUsers ? { targetUsers: input.targetUsers } : {}),
      ...(input.options ? { options: input.options } : {}),
    });
    mapping.entities[e.entity] = { target: e.targetEntity ?? e.entity, fields: proposal.rules };
    review[e.entity] = proposal.review;
  }
  return { mapping, review, users };
}
