/**
 * The contract every converter function follows: one source value in, zero or
 * more target values out, plus the issues found on the way. Converters never
 * throw and never look at other fields; the applier adds paths and severity.
 */
import type { EntityKind, ScalarValue } from "../../model/canonical.js";
import type { EnumItem, FieldSchema } from "../../model/schema.js";
import type { TimeZones, UserMapping } from "../mapping-schema.js";
import type { ProblemParams, RecordProblemCode } from "../problems.js";

/** Something wrong with one value; the applier adds the path. */
export interface ValueIssue {
  code: RecordProblemCode;
  /** Omitted = warning (value dropped or kept as is); "error" fails the record whatever the rule says. */
  severity?: "error";
  params?: ProblemParams;
}

/** A list item the target lacks and the rule wants created (`onUnknown: "create"`). */
export interface MissingItemDraft {
  /** The value map key it will be stored under: source item id or normalised text. */
  sourceKey: string;
  label: string;
  semantics?: EnumItem["semantics"];
}

/** What a converter made of one value: zero or more target values, issues, maybe an item to create. */
export interface ValueResult {
  values: ScalarValue[];
  issues: ValueIssue[];
  missing?: MissingItemDraft;
}

/** What a converter may know besides the value itself. */
export interface ValueContext {
  /** The target field (a stand-in built from the create spec when it was just created). */
  targetField: Pick<FieldSchema, "code" | "type" | "multiple" | "items">;
  /** The source field, when the source schema is known: item labels and semantics. */
  sourceField?: FieldSchema;
  timeZones: TimeZones;
  users: UserMapping;
  resolveRef: (entity: EntityKind, sourceId: string) => string | undefined;
  /** Stages: the pipeline the target record is in (already converted), for consistency checks. */
  targetGroup?: string;
}

/** Result helpers: one value, several values, nothing. */
export const ok = (value: ScalarValue, ...issues: ValueIssue[]): ValueResult => ({
  values: [value],
  issues,
});
export const many = (values: ScalarValue[], issues: ValueIssue[] = []): ValueResult => ({
  values,
  issues,
});
export const drop = (...issues: ValueIssue[]): ValueResult => ({ values: [], issues });
