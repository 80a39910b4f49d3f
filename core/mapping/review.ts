/**
 * What the proposal decided for each field, and why, as data: the chat renders
 * it in the user's language (DESIGN.md §1 step 4), the engine never reads it.
 */
import type { FieldType } from "../model/canonical.js";
import type { Collapse, Converter } from "./mapping-schema.js";

/** What was decided for a field. */
export type ReviewKind =
  | "matched"
  | "converted"
  | "create_field"
  | "create_items"
  | "unmapped_source"
  | "missing_required_target"
  | "skipped";

/** Why it was decided. */
export type ReviewReason =
  /** How a target was found. */
  | "same_code"
  | "alias"
  | "same_label"
  /** Nothing in the target fits: a custom field is created, a system one stays behind. */
  | "no_match"
  | "system_field"
  /** A same-coded/labelled target exists but cannot be used. */
  | "target_read_only"
  | "target_reserved"
  | "incompatible_type"
  /** Items of a list that the target lacks. */
  | "new_items"
  /** A required target field no source field feeds. */
  | "no_source";

/** A field as the review shows it. */
export interface ReviewField {
  /** Absent for a field still to be created. */
  code?: string;
  label: string;
  type: FieldType;
  multiple: boolean;
}

/** One decision of the proposal, for the chat to render and the user to confirm or change. */
export interface ReviewItem {
  kind: ReviewKind;
  reason: ReviewReason;
  /** The rule this item is about, in the entity's `fields`. */
  ruleIndex?: number;
  source?: ReviewField;
  target?: ReviewField;
  converter?: Converter;
  collapse?: Collapse;
  /** Items to create (with their target pipeline for stages). */
  items?: Array<{ label: string; group?: string }>;
  /** Numbers worth showing: `matchedItems`, `newItems`, `matchedUsers`, `unmatchedUsers`. */
  counts?: Record<string, number>;
}
