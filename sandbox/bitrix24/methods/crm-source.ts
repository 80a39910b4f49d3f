/**
 * CRM records as the list engine sees them: UPPER_CASE field names, derived
 * links (deal CONTACT_ID, contact COMPANY_ID, company CONTACT_ID), multi-field
 * values under PHONE/EMAIL/… and user fields typed by their USER_TYPE_ID.
 */
import { crmField, kindOfType } from "../data/crm-fields.js";
import type { ListSource } from "../data/list-query.js";
import type { PortalData } from "../data/portal-data.js";
import {
  MULTI_FIELD_TYPES,
  type CrmKind,
  type CrmRecord,
  type MultiFieldType,
  type ValueKind,
} from "../data/types.js";

const MULTI = new Set<string>(MULTI_FIELD_TYPES);

/** The value of an UPPER_CASE field of a CRM record, derived fields included. */
export function crmValue(
  data: PortalData,
  kind: CrmKind,
  record: CrmRecord,
  field: string,
): unknown {
  if (field === "ID") return record.id;
  if (kind === "deal" && field === "CONTACT_ID") return data.primaryLink(record);
  if (kind === "contact" && field === "COMPANY_ID") return data.primaryLink(record);
  if (
    (kind === "deal" && field === "CONTACT_IDS") ||
    (kind === "contact" && field === "COMPANY_IDS")
  ) {
    return (record.links ?? []).map((l) => l.id);
  }
  if (kind === "lead" && field === "CONTACT_IDS") {
    return record.f.CONTACT_ID ? [record.f.CONTACT_ID] : [];
  }
  if (kind === "company" && field === "CONTACT_ID") return data.contactsOfCompany(record.id);
  if (MULTI.has(field)) {
    return (record.fm ?? [])
      .filter((m) => m.type === (field as MultiFieldType))
      .map((m) => m.value);
  }
  return record.f[field];
}

/** Comparison kind of a field, or undefined when the field is not filterable. */
export function crmKindOf(
  data: PortalData,
  kind: CrmKind,
  field: string,
  itemApi: boolean,
): ValueKind | undefined {
  if (field === "ID") return "int";
  if (field.startsWith("UF_")) {
    const uf = data.userField(kind, field);
    return uf ? kindOfType(uf.userTypeId) : undefined;
  }
  const def = crmField(kind, field);
  if (!def || (def.itemOnly && !itemApi)) return undefined;
  if (def.type === "crm_multifield") return itemApi ? undefined : "string";
  return kindOfType(def.type);
}

/** List source over a CRM table with UPPER_CASE names (legacy methods). */
export function legacySource(data: PortalData, kind: CrmKind): ListSource<CrmRecord> {
  return {
    rows: data.crm[kind].rows,
    idOf: (r) => r.id,
    valueOf: (r, field) => crmValue(data, kind, r, field),
    kindOf: (field) => crmKindOf(data, kind, field, false),
  };
}

/** List source with camelCase names mapped to UPPER_CASE (crm.item.list). */
export function itemSource(
  data: PortalData,
  kind: CrmKind,
  toUpper: (camel: string) => string | undefined,
): ListSource<CrmRecord> {
  return {
    rows: data.crm[kind].rows,
    idOf: (r) => r.id,
    valueOf: (r, field) => {
      const upper = toUpper(field);
      return upper === undefined ? undefined : crmValue(data, kind, r, upper);
    },
    kindOf: (field) => {
      const upper = toUpper(field);
      return upper === undefined ? undefined : crmKindOf(data, kind, upper, true);
    },
  };
}
