/**
 * Applying one `map` rule to one record: every source value converted with its
 * own path (`fields.UF_CRM_5[1]`), issues turned into problems, then the
 * values fitted to the target field's cardinality (`collapse`).
 */
import type { FieldValue, ScalarValue } from "../model/canonical.js";
import type { EnumItem, FieldSchema } from "../model/schema.js";
import { convertValue, type ValueContext } from "./converters/index.js";
import { stringifyScalar, valueKey } from "./converters/shapes.js";
import { truncate } from "./converters/text.js";
import type { MapRule } from "./mapping-schema.js";
import { formatPath, isEmptyValue } from "./normalize.js";
import type { RecordProblem, RecordProblemCode } from "./problems.js";

/** A list item the target lacks; create it with `Connector.ensureItems`, then call `withCreatedItems`. */
export interface MissingItem {
  /** Target field code (`STAGE_ID`, `UF_CRM_7`). */
  fieldCode: string;
  /** Source field code the value came from. */
  sourceCode: string;
  /** The value map key the new item's id belongs under. */
  sourceKey: string;
  label: string;
  /** Stages: the target pipeline id. */
  group?: string;
  semantics?: EnumItem["semantics"];
}

/** The target field as the applier needs it (a stand-in when it was created from a spec). */
export type TargetFieldView = ValueContext["targetField"] &
  Pick<FieldSchema, "required" | "readOnly">;

/** One rule's result: the target value (null = nothing to write) and what went wrong. */
export interface FieldOutcome {
  value: FieldValue;
  problems: RecordProblem[];
  missing: MissingItem[];
}

/** Drops repeated values (see `valueKey`), keeping the first. */
export function dedupe(values: ScalarValue[]): ScalarValue[] {
  const seen = new Set<string>();
  return values.filter((v) => {
    const key = valueKey(v);
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

/** Converts the record's value of `rule.source` into the value of `field`. */
export function applyMapRule(
  rule: MapRule,
  raw: FieldValue | undefined,
  field: TargetFieldView,
  ctx: ValueContext,
): FieldOutcome {
  const base = formatPath(["fields", rule.source]);
  const problems: RecordProblem[] = [];
  const missing: MissingItem[] = [];
  const report = (
    path: string,
    code: RecordProblemCode,
    severity: "error" | "warning",
    params?: RecordProblem["params"],
  ) =>
    problems.push({
      path,
      code,
      severity,
      sourceField: rule.source,
      targetField: field.code,
      ...(params ? { params } : {}),
    });

  const entries: Array<[ScalarValue, string]> = Array.isArray(raw)
    ? raw.map((v, i): [ScalarValue, string] => [v, `${base}[${i}]`])
    : raw === null || raw === undefined
      ? []
      : [[raw, base]];
  let values: ScalarValue[] = [];
  for (const [value, path] of entries) {
    if (isEmptyValue(value)) continue;
    const result = convertValue(rule.converter, value, ctx);
    for (const issue of result.issues) {
      report(
        path,
        issue.code,
        issue.severity ?? (rule.required ? "error" : "warning"),
        issue.params,
      );
    }
    if (result.missing && !missing.some((m) => m.sourceKey === result.missing?.sourceKey)) {
      missing.push({ fieldCode: field.code, sourceCode: rule.source, ...result.missing });
    }
    values.push(...result.values);
  }
  values = dedupe(values);

  let value: FieldValue = null;
  if (values.length > 0) {
    if (field.multiple) value = values;
    else if (values.length === 1 || rule.collapse?.pick === "first") value = values[0] ?? null;
    else if (rule.collapse?.pick === "join") {
      const joined = values.map(stringifyScalar).join(rule.collapse.separator);
      const cut = truncate(
        joined,
        rule.converter.kind === "text" ? rule.converter.maxLength : undefined,
      );
      for (const issue of cut.issues)
        report(base, issue.code, rule.required ? "error" : "warning", issue.params);
      value = cut.values[0] ?? null;
    } else {
      report(base, "values_dropped", rule.required ? "error" : "warning", {
        kept: 1,
        dropped: values.length - 1,
      });
      value = values[0] ?? null;
    }
  }
  if (value === null && missing.length === 0 && (rule.required || field.required)) {
    report(base, "required_missing", "error");
  }
  return { value, problems, missing };
}
