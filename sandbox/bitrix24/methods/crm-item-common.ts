/**
 * What the `crm.item.*` methods share: `entityTypeId` resolution (1 lead,
 * 2 deal, 3 contact, 4 company; anything else is `NOT_FOUND` "Smart process
 * not found"), camelCase ↔ UPPER_CASE names, `useOriginalUfNames`, and the
 * CRM_FIELD_ERROR_* errors (docs: crm/universal/crm-item-*.md).
 */
import { systemFromCamel, toCamel } from "../data/camel-names.js";
import { CrmWriteError } from "../data/crm-write.js";
import { itemFmOps, MultiFieldError, type FmOp } from "../data/multi-fields.js";
import type { PortalData } from "../data/portal-data.js";
import { KIND_BY_ENTITY_TYPE_ID, type CrmKind, type CrmRecord } from "../data/types.js";
import { RestError, type MethodCall } from "../method-types.js";
import { flagOf, param, positiveIntOf } from "./params.js";

/** The kind named by `entityTypeId`, or NOT_FOUND. */
export function itemKind(call: MethodCall): CrmKind {
  const id = positiveIntOf(param(call.params, "entityTypeId"));
  const kind = id === undefined ? undefined : KIND_BY_ENTITY_TYPE_ID[id];
  if (!kind) throw new RestError("NOT_FOUND", "Smart process not found");
  return kind;
}

/** `useOriginalUfNames=Y`: UF_CRM_* names instead of ufCrm*. */
export function originalUfNames(call: MethodCall): boolean {
  return flagOf(param(call.params, "useOriginalUfNames"));
}

/** Resolves a crm.item field name (camelCase, or UF_* original) to UPPER_CASE. */
export function upperNameResolver(
  data: PortalData,
  kind: CrmKind,
): (name: string) => string | undefined {
  const uf = new Map<string, string>();
  for (const def of data.userFieldsOf(kind)) {
    uf.set(toCamel(kind, def.fieldName), def.fieldName);
    uf.set(def.fieldName, def.fieldName);
  }
  return (name) => (name === "id" ? "ID" : (systemFromCamel(kind, name) ?? uf.get(name)));
}

/** An existing item or NOT_FOUND "Element not found". */
export function findItem(call: MethodCall, kind: CrmKind): CrmRecord {
  const id = positiveIntOf(param(call.params, "id"));
  const record = id === undefined ? undefined : call.portal.data.crm[kind].get(id);
  if (!record) throw new RestError("NOT_FOUND", "Element not found");
  return record;
}

/** crm.item `fields` (camelCase) → UPPER_CASE values and multi-field operations. */
export function itemFieldsToUpper(
  data: PortalData,
  kind: CrmKind,
  fields: Record<string, unknown>,
): { upper: Record<string, unknown>; fm: FmOp[] | undefined } {
  const resolve = upperNameResolver(data, kind);
  const upper: Record<string, unknown> = {};
  let fm: FmOp[] | undefined;
  for (const [name, value] of Object.entries(fields)) {
    if (name === "fm") {
      fm = itemFmOps(value);
      continue;
    }
    const target = resolve(name);
    if (target !== undefined && target !== "ID") upper[target] = value;
  }
  return { upper, fm };
}

/** Maps a refused write to CRM_FIELD_ERROR_REQUIRED / CRM_FIELD_ERROR_VALUE_NOT_VALID. */
export function itemWriteError(error: unknown): never {
  if (error instanceof CrmWriteError) {
    throw new RestError(
      error.reason === "required" ? "CRM_FIELD_ERROR_REQUIRED" : "CRM_FIELD_ERROR_VALUE_NOT_VALID",
      error.message,
    );
  }
  if (error instanceof MultiFieldError) {
    throw new RestError(
      "CRM_FIELD_ERROR_VALUE_NOT_VALID",
      `Invalid value for field "${error.label}"`,
    );
  }
  throw error;
}
