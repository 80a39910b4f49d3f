/**
 * The one cross-rule check of a mapping: a stage must be sent into the target
 * pipeline its source pipeline is mapped to (Bitrix24 stage ids carry their
 * pipeline: `C3:NEW` lives in pipeline 3), else the CRM rejects or misfiles the deal.
 */
import { findField, type EntitySchema } from "../model/schema.js";
import type { EntityMapping, MapRule } from "./mapping-schema.js";
import { joinPath } from "./normalize.js";
import type { Report } from "./validate.js";

/** Stage items must land in the pipeline their source pipeline is mapped to. */
export function checkStages(
  em: EntityMapping,
  base: string,
  src: EntitySchema,
  tgt: EntitySchema,
  report: Report,
) {
  const rules = em.fields.map((rule, index) => ({ rule, index }));
  const typeOf = (rule: MapRule) =>
    "code" in rule.target ? findField(tgt, rule.target.code)?.type : undefined;
  const pipelineRule = rules.find(
    (r) => r.rule.action === "map" && typeOf(r.rule) === "pipeline",
  )?.rule;
  if (pipelineRule?.action !== "map" || pipelineRule.converter.kind !== "enum_to_enum") return;
  const pipelineMap = pipelineRule.converter.valueMap;
  for (const { rule, index } of rules) {
    if (
      rule.action !== "map" ||
      rule.converter.kind !== "enum_to_enum" ||
      typeOf(rule) !== "stage" ||
      !("code" in rule.target)
    )
      continue;
    const sourceItems = findField(src, rule.source)?.items ?? [];
    const targetItems = findField(tgt, rule.target.code)?.items ?? [];
    for (const [key, id] of Object.entries(rule.converter.valueMap)) {
      const group = sourceItems.find((i) => i.id === key)?.group;
      const expected = group === undefined ? undefined : pipelineMap[group];
      const actual = targetItems.find((i) => i.id === id)?.group;
      if (expected && actual !== undefined && actual !== expected) {
        report(
          joinPath(base, "fields", index, "converter", "valueMap", key),
          "stage_pipeline_mismatch",
          "warning",
          {
            stage: id ?? "",
            pipeline: expected,
          },
        );
      }
    }
  }
}
