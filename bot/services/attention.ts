/**
 * Which source fields the mapping review lists: every decision of the proposal
 * that is not a plain match (a conversion, a field or list items to create, a
 * field left behind for lack of a match). System fields skipped on purpose
 * (read-only, reserved) are not listed; they would drown the real questions.
 */
import type { ReviewItem } from "../../core/mapping/index.js";
import type { EntityKind } from "../../core/model/canonical.js";

const LISTED = new Set<ReviewItem["kind"]>([
  "converted",
  "create_field",
  "create_items",
  "unmapped_source",
]);

export function attentionOf(
  review: Partial<Record<EntityKind, ReviewItem[]>>,
): Partial<Record<EntityKind, string[]>> {
  const out: Partial<Record<EntityKind, string[]>> = {};
  for (const [entity, items] of Object.entries(review) as Array<[EntityKind, ReviewItem[]]>) {
    const codes = items.flatMap((i) =>
      LISTED.has(i.kind) && i.source?.code !== undefined ? [i.source.code] : [],
    );
    out[entity] = [...new Set(codes)];
  }
  return out;
}
