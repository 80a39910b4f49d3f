/**
 * UPPER_CASE ↔ camelCase field names for crm.item (docs:
 * api-reference/crm/universal/object-fields.md; reference §6.3):
 * `DATE_CREATE` ↔ `createdTime`, lead `STATUS_ID` ↔ `stageId`,
 * `UF_CRM_1720019876534` ↔ `ufCrm_1720019876534`, `UF_CRM_44_17218` ↔ `ufCrm44_17218`.
 */
import { CRM_FIELDS } from "./crm-fields.js";
import type { CrmKind } from "./types.js";

const COMMON: Readonly<Record<string, string>> = {
  DATE_CREATE: "createdTime",
  DATE_MODIFY: "updatedTime",
  CREATED_BY_ID: "createdBy",
  MODIFY_BY_ID: "updatedBy",
  MOVED_BY_ID: "movedBy",
  MOVED_TIME: "movedTime",
  BEGINDATE: "begindate",
  CLOSEDATE: "closedate",
  BIRTHDATE: "birthdate",
  CONTACT_IDS: "contactIds",
  COMPANY_IDS: "companyIds",
};

const PER_KIND: Readonly<Record<CrmKind, Readonly<Record<string, string>>>> = {
  lead: { STATUS_ID: "stageId", STATUS_SEMANTIC_ID: "stageSemanticId" },
  contact: {},
  company: { COMPANY_TYPE: "typeId", CONTACT_ID: "contactIds" },
  deal: {},
};

/** `SOME_FIELD_ID` → `someFieldId`; `_` before a digit is kept. */
export function snakeToCamel(name: string): string {
  return name.toLowerCase().replace(/_([a-z])/g, (_m, ch: string) => ch.toUpperCase());
}

/** `UF_CRM_1720019876534` → `ufCrm_1720019876534`; `UF_CRM_44_1721812760630` → `ufCrm44_1721812760630`. */
export function userFieldCamel(name: string): string {
  const spa = /^UF_CRM_(\d{1,4})_(.+)$/.exec(name);
  if (spa) return `ufCrm${spa[1]}_${snakeToCamel(spa[2] ?? "")}`;
  return snakeToCamel(name);
}

const memo = new Map<string, string>();

/** camelCase name of a system or user field of `kind` (memoised: called per field per row). */
export function toCamel(kind: CrmKind, name: string): string {
  const key = `${kind}:${name}`;
  let camel = memo.get(key);
  if (camel === undefined) {
    camel = name.startsWith("UF_")
      ? userFieldCamel(name)
      : (PER_KIND[kind][name] ?? COMMON[name] ?? snakeToCamel(name));
    memo.set(key, camel);
  }
  return camel;
}

const REVERSE: Readonly<Record<CrmKind, ReadonlyMap<string, string>>> = {
  lead: reverseOf("lead"),
  contact: reverseOf("contact"),
  company: reverseOf("company"),
  deal: reverseOf("deal"),
};

function reverseOf(kind: CrmKind): ReadonlyMap<string, string> {
  return new Map(CRM_FIELDS[kind].map((d) => [toCamel(kind, d.name), d.name]));
}

/**
 * UPPER_CASE name of a camelCase system field of `kind`; user fields are
 * resolved by the caller against the portal's user fields.
 */
export function systemFromCamel(kind: CrmKind, camel: string): string | undefined {
  return REVERSE[kind].get(camel);
}
