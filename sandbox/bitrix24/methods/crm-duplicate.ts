/**
 * `crm.duplicate.findbycomm` (docs: crm/duplicates/crm-duplicate-find-by-comm.md):
 * ids of leads, contacts and companies having any of ≤ 20 phones or e-mails.
 * Phones compare by digits without the extension (a Russian leading 8 reads
 * as 7); e-mails case-insensitively. When a type reaches 20 matches the other
 * types are not returned. No match → `[]`.
 */
import { normalisePhone } from "../data/multi-fields.js";
import type { CrmKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { listOf, param, stringOf } from "./params.js";

const ORDER: readonly [string, CrmKind][] = [
  ["LEAD", "lead"],
  ["CONTACT", "contact"],
  ["COMPANY", "company"],
];

function normalise(type: "PHONE" | "EMAIL", value: string): string {
  if (type === "EMAIL") return value.trim().toLowerCase();
  const digits = normalisePhone(value);
  return digits.length === 11 && digits.startsWith("8") ? `7${digits.slice(1)}` : digits;
}

function find(call: MethodCall): MethodResult {
  const rawType = stringOf(param(call.params, "type"));
  if (rawType === undefined || rawType === "")
    throw new RestError("", "Communication type is not defined");
  const type = rawType.toUpperCase();
  if (type !== "PHONE" && type !== "EMAIL") {
    throw new RestError("", `Communication type '${rawType}' is not supported in current context`);
  }
  const values = listOf(param(call.params, "values"))
    .map(stringOf)
    .filter((v): v is string => v !== undefined && v !== "")
    .slice(0, 20);
  if (values.length === 0) throw new RestError("", "Communication values is not defined");
  const wanted = new Set(values.map((v) => normalise(type, v)).filter((v) => v !== ""));
  const only = stringOf(param(call.params, "entity_type"))?.toUpperCase();
  const result: Record<string, number[]> = {};
  for (const [name, kind] of ORDER) {
    if (only !== undefined && only !== "" && only !== name) continue;
    const ids: number[] = [];
    for (const record of call.portal.data.crm[kind].rows) {
      if (record.fm?.some((m) => m.type === type && wanted.has(normalise(type, m.value))))
        ids.push(record.id);
    }
    if (ids.length > 0) result[name] = ids;
    if (ids.length >= 20) break;
  }
  return { result: Object.keys(result).length === 0 ? [] : result };
}

/** crm.duplicate.findbycomm. */
export const crmDuplicateMethods: MethodDefinition[] = [
  { name: "crm.duplicate.findbycomm", scope: "crm", cost: COST.listCounted, handler: find },
];
