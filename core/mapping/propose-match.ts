/**
 * Which target field each source field goes to (the first half of the
 * proposal): system fields by code or a connector-given alias, then every field
 * by normalised label with a compatible type; custom fields left over are
 * created, system ones stay behind. Read-only and reserved targets are never
 * chosen, and a target is chosen at most once.
 */
import type { EntitySchema, FieldSchema } from "../model/schema.js";
import { normalizeLabel } from "./normalize.js";
import type { ReviewReason } from "./review.js";

/** Connector knowledge for matching fields. */
export interface MatchOptions {
  /** Source code → target code for system fields that differ by name (amoCRM `price` → Bitrix24 `OPPORTUNITY`). */
  aliases?: Readonly<Record<string, string>>;
  /** Target fields the connector fills itself and the mapping must never write (`ORIGINATOR_ID`, `ORIGIN_ID`). */
  reservedTargetCodes?: readonly string[];
}

/** What to do with one source field. */
export type Decision =
  | { kind: "map"; target: FieldSchema; reason: ReviewReason }
  | { kind: "create"; reason: ReviewReason }
  | {
      kind: "skip";
      review: "skipped" | "unmapped_source";
      reason: ReviewReason;
      target?: FieldSchema;
    };

const CANNOT_CREATE: ReadonlySet<string> = new Set(["pipeline", "stage"]);

const skipped = (reason: ReviewReason, target: FieldSchema): Decision => ({
  kind: "skip",
  review: "skipped",
  reason,
  target,
});

/** Decides the target of every source field; `fits` says whether a converter can carry s into t. */
export function matchFields(
  source: EntitySchema,
  target: EntitySchema,
  options: MatchOptions,
  fits: (s: FieldSchema, t: FieldSchema) => boolean,
): Map<string, Decision> {
  const reserved = new Set(options.reservedTargetCodes ?? []);
  const used = new Set<string>();
  const decisions = new Map<string, Decision>();
  const writable = (t: FieldSchema) => !used.has(t.code) && !t.readOnly && !reserved.has(t.code);

  // 1. By code: system fields keep their codes across portals; aliases bridge two CRMs.
  for (const s of source.fields) {
    const code = options.aliases?.[s.code] ?? (s.custom ? undefined : s.code);
    const t = code === undefined ? undefined : target.fields.find((f) => f.code === code);
    if (!t || used.has(t.code)) continue;
    if (reserved.has(t.code)) decisions.set(s.code, skipped("target_reserved", t));
    else if (t.readOnly) decisions.set(s.code, skipped("target_read_only", t));
    else if (fits(s, t)) {
      decisions.set(s.code, {
        kind: "map",
        target: t,
        reason: code === s.code ? "same_code" : "alias",
      });
      used.add(t.code);
    } else if (!s.custom) decisions.set(s.code, skipped("incompatible_type", t));
  }

  // 2. By label, the same type first; 3. what is left is created (custom) or stays behind.
  for (const s of source.fields) {
    if (decisions.has(s.code)) continue;
    const label = normalizeLabel(s.label);
    const sameLabel = target.fields
      .filter((t) => writable(t) && normalizeLabel(t.label) === label)
      .sort((a, b) => Number(b.type === s.type) - Number(a.type === s.type));
    const t = sameLabel.find((c) => fits(s, c));
    if (t) {
      decisions.set(s.code, { kind: "map", target: t, reason: "same_label" });
      used.add(t.code);
      continue;
    }
    const readOnly = target.fields.find((f) => f.readOnly && normalizeLabel(f.label) === label);
    const reason: ReviewReason = sameLabel.length > 0 ? "incompatible_type" : "no_match";
    if (readOnly) decisions.set(s.code, skipped("target_read_only", readOnly));
    else if (s.custom && !CANNOT_CREATE.has(s.type))
      decisions.set(s.code, { kind: "create", reason });
    else {
      const why = s.custom ? reason : "system_field";
      decisions.set(s.code, { kind: "skip", review: "unmapped_source", reason: why });
    }
  }
  return decisions;
}
