/**
 * Row shapes of the emulated portal's tables. Rows are compact: an id plus a
 * plain object of stored values keyed by the legacy UPPER_CASE field name, so
 * 200,000 records cost a couple of small objects each and no closures.
 *
 * Stored value conventions (renderers turn them into each API's wire format):
 * - datetime → epoch milliseconds (number); date → `YYYY-MM-DD` (string);
 * - integers, doubles and entity ids → number; `Y`/`N` flags → string;
 * - multiple values → arrays; missing → absent or null.
 */

/** Text of a scalar (objects as JSON), for messages and string comparisons. */
export function textOf(v: unknown): string {
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean" || typeof v === "bigint") return String(v);
  if (v === null || v === undefined) return "";
  return JSON.stringify(v);
}

/** A single stored value. */
export type StoredScalar = string | number | boolean | null;
/** A stored value: scalar or list (multiple fields). */
export type StoredValue = StoredScalar | readonly string[] | readonly number[];

/** How list filters and sorting compare a field (numbers as numbers, dates as dates). */
export type ValueKind = "int" | "float" | "string" | "date" | "datetime";

/** A generic table row: `id` plus UPPER_CASE stored fields. */
export interface Row {
  readonly id: number;
  f: Record<string, StoredValue>;
}

/** The four classic CRM entities. */
export type CrmKind = "lead" | "contact" | "company" | "deal";

/** entityTypeId of each kind (docs: api-reference/crm/data-types.md#object_type). */
export const ENTITY_TYPE_ID: Readonly<Record<CrmKind, number>> = {
  lead: 1,
  deal: 2,
  contact: 3,
  company: 4,
};

/** entityTypeId → kind. */
export const KIND_BY_ENTITY_TYPE_ID: Readonly<Record<number, CrmKind>> = {
  1: "lead",
  2: "deal",
  3: "contact",
  4: "company",
};

/** Owner type names used by activities, timeline and telephony (`CCrmOwnerType`). */
export const OWNER_TYPE_NAME: Readonly<Record<CrmKind, string>> = {
  lead: "LEAD",
  deal: "DEAL",
  contact: "CONTACT",
  company: "COMPANY",
};

/** Multi-field types. */
export type MultiFieldType = "PHONE" | "EMAIL" | "WEB" | "IM" | "LINK";
/** Multi-field types in `crm.*.fields` order. */
export const MULTI_FIELD_TYPES: readonly MultiFieldType[] = ["PHONE", "EMAIL", "WEB", "IM", "LINK"];

/** One phone/e-mail/site/messenger entry with its own id (docs: crm/data-types.md#crm_multifield). */
export interface MultiField {
  readonly id: number;
  type: MultiFieldType;
  valueType: string;
  value: string;
}

/** A deal→contact or contact→company link as `crm.*.items.get` shows it. */
export interface Binding {
  id: number;
  sort: number;
  primary: boolean;
}

/** A lead, contact, company or deal. */
export interface CrmRecord extends Row {
  fm?: MultiField[];
  /** deal → contacts, contact → companies. */
  links?: Binding[];
}

/** A phone/e-mail an activity talks to. */
export interface Communication {
  id: number;
  type: string;
  value: string;
  entityId: number;
  entityTypeId: number;
}

/** An activity with its communications, bindings and Drive files. */
export interface ActivityRow extends Row {
  communications: Communication[];
  bindings: { ownerTypeId: number; ownerId: number }[];
  files: number[];
}

/** An item of an enumeration user field. */
export interface EnumItem {
  id: number;
  value: string;
  sort: number;
  def: boolean;
  xmlId: string;
}

/** A CRM user field (`crm.*.userfield.*`); values on records are stored under `fieldName`. */
export interface UserFieldDef {
  readonly id: number;
  entityId: string;
  fieldName: string;
  userTypeId: string;
  xmlId: string | null;
  sort: number;
  multiple: boolean;
  mandatory: boolean;
  showFilter: string;
  showInList: boolean;
  editInList: boolean;
  isSearchable: boolean;
  settings: Record<string, unknown>;
  label: string;
  list?: EnumItem[];
}

/** A Drive file; generated files have no bytes and are synthesised on download. */
export interface DiskFileRow extends Row {
  bytes?: Uint8Array;
}

/** A `telephony.externalCall.register` registration waiting for `finish`. */
export interface PendingCall {
  callId: string;
  userId: number;
  phoneNumber: string;
  type: number;
  startTime: number;
  externalCallId: string | null;
  lineNumber: string | null;
  entityType: string | null;
  entityId: number | null;
  createdLead: number | null;
  /** When it was registered: a repeat within 30 minutes returns the same CALL_ID. */
  registeredAt: number;
  /** The app (or webhook) that registered it. */
  callerKey: string;
}
