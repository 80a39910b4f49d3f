/**
 * Matching list items between two systems by label: enumeration values,
 * pipelines, and stages inside their (already matched) pipelines. A stage with
 * no label match falls back to its semantics when the target pipeline has
 * exactly one stage of that kind: amoCRM "Успешно реализовано" (142) is
 * Bitrix24 "Сделка успешна" (WON).
 */
import type { EnumItem } from "../model/schema.js";
import { normalizeLabel } from "./normalize.js";

/** Items matched by label (and stage semantics), and those the target lacks. */
export interface ItemMatch {
  /** Source item id → target item id. */
  valueMap: Record<string, string>;
  /** Source items with no counterpart, with the target pipeline they belong in. */
  unmatched: Array<{ sourceId: string; label: string; group?: string }>;
}

/**
 * `pipelineMap` (source pipeline id → target pipeline id) restricts stages to
 * their pipeline; undefined means the items are not grouped.
 */
export function matchItems(
  source: readonly EnumItem[],
  target: readonly EnumItem[],
  pipelineMap?: Readonly<Record<string, string>>,
): ItemMatch {
  const valueMap: Record<string, string> = {};
  const unmatched: ItemMatch["unmatched"] = [];
  for (const item of source) {
    const group = pipelineMap && item.group !== undefined ? pipelineMap[item.group] : undefined;
    const grouped = pipelineMap !== undefined && item.group !== undefined;
    const candidates = target.filter((t) => !grouped || (group !== undefined && t.group === group));
    const label = normalizeLabel(item.label);
    let match = candidates.find((t) => normalizeLabel(t.label) === label);
    if (!match && item.semantics !== undefined && item.semantics !== "process") {
      const same = candidates.filter((t) => t.semantics === item.semantics);
      if (same.length === 1) match = same[0];
    }
    if (match) valueMap[item.id] = match.id;
    else
      unmatched.push({
        sourceId: item.id,
        label: item.label,
        ...(group !== undefined ? { group } : {}),
      });
  }
  return { valueMap, unmatched };
}

/** `string_to_enum` value map from the target's own items: normalised label → id. */
export function labelValueMap(target: readonly EnumItem[]): Record<string, string> {
  const map: Record<string, string> = {};
  for (const item of target) {
    const key = normalizeLabel(item.label);
    if (!Object.hasOwn(map, key)) map[key] = item.id;
  }
  return map;
}
