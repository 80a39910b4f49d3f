/**
 * Problems found in a mapping file or while applying it to a record. They are
 * structured (code + params), never sentences: the chat renders them in the
 * user's language, the failed-records CSV lists them as they are.
 */

/** "error": the mapping cannot be used / the record is not written. "warning": written without that value. */
export type Severity = "error" | "warning";
export type ProblemParams = Record<string, string | number | boolean>;

/** One problem: where, what, how bad, and the values the message needs. */
export interface Problem<Code extends string = string> {
  /** Where: `entities.deals.fields[3].target.code` in a mapping, `fields.UF_CRM_5[1]` in a record. */
  path: string;
  code: Code;
  severity: Severity;
  params?: ProblemParams;
}

/** What can be wrong with a mapping file or with a mapping against the two systems' schemas. */
export type MappingProblemCode =
  | "file_too_large"
  | "invalid_json"
  | "invalid_mapping"
  | "unknown_entity"
  | "unknown_source_field"
  | "unknown_target_field"
  | "incompatible_converter"
  | "unknown_target_item"
  | "unknown_source_item"
  | "duplicate_target"
  | "required_target_unmapped"
  | "read_only_target"
  | "target_exists"
  | "ref_entity_mismatch"
  | "bad_constant"
  | "unknown_user"
  | "stage_pipeline_mismatch";
export type MappingProblem = Problem<MappingProblemCode>;

/** What can be wrong with one record's values. */
export type RecordProblemCode =
  | "unknown_item"
  | "bad_value"
  | "bad_number"
  | "ambiguous_number"
  | "rounded"
  | "bad_money"
  | "bad_date"
  | "bad_boolean"
  | "bad_phone"
  | "bad_email"
  | "unresolved_ref"
  | "unmatched_user"
  | "too_long"
  | "values_dropped"
  | "required_missing"
  | "duplicate_target"
  | "unknown_target_field"
  | "target_not_created"
  | "read_only_target"
  | "stage_pipeline_mismatch";

/** A problem of one record, also naming the source and target fields involved. */
export interface RecordProblem extends Problem<RecordProblemCode> {
  /** The source field the value came from (absent for target-only problems). */
  sourceField?: string;
  targetField?: string;
}
