/**
 * Multi-fields (PHONE, EMAIL, WEB, IM, LINK), each value with its own id
 * (docs: crm/data-types.md#crm_multifield, contacts/crm-contact-update.md):
 * legacy writes `PHONE: [{VALUE, VALUE_TYPE}]` (update is additive, `{ID, VALUE}`
 * overwrites, `{ID, DELETE: "Y"}`, `{ID, VALUE: ""}` or `{ID}` alone deletes);
 * crm.item writes `fm: [{typeId, valueType, value}]` on add and
 * `fm: {"n0": {…}, "15": {…}}` keyed by id on update.
 */
import type { PortalData } from "./portal-data.js";
import { MULTI_FIELD_TYPES, type MultiField, type MultiFieldType } from "./types.js";

/** Allowed VALUE_TYPE per multi-field type; the first is the default. */
export const VALUE_TYPES: Readonly<Record<MultiFieldType, readonly string[]>> = {
  PHONE: ["WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"],
  EMAIL: ["WORK", "HOME", "MAILING", "OTHER"],
  WEB: ["WORK", "HOME", "VK", "LIVEJOURNAL", "TWITTER", "OTHER"],
  IM: [
    "TELEGRAM",
    "VK",
    "SKYPE",
    "VIBER",
    "BITRIX24",
    "OPENLINE",
    "IMOL",
    "ICQ",
    "MSN",
    "JABBER",
    "OTHER",
  ],
  LINK: ["USER"],
};

/** One add/update/delete of a multi-field value. */
export interface FmOp {
  type: MultiFieldType;
  id?: number;
  value?: string;
  valueType?: string;
  delete?: boolean;
}

/** A multi-field value the portal refuses, e.g. a malformed e-mail (legacy: ERROR_CORE). */
export class MultiFieldError extends Error {
  constructor(readonly label: string) {
    super(`The field "${label}" contains an invalid address`);
    this.name = "MultiFieldError";
  }
}

const rec = (v: unknown): Record<string, unknown> | null =>
  typeof v === "object" && v !== null && !Array.isArray(v) ? (v as Record<string, unknown>) : null;

const text = (v: unknown): string | undefined =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : undefined;

function opOf(
  type: MultiFieldType,
  raw: Record<string, unknown>,
  keys: [string, string, string],
): FmOp {
  const [valueKey, typeKey, idKey] = keys;
  const op: FmOp = { type };
  const id = Number(raw[idKey]);
  if (Number.isInteger(id) && id > 0) op.id = id;
  const value = text(raw[valueKey]);
  if (value !== undefined) op.value = value;
  const valueType = text(raw[typeKey]);
  if (valueType !== undefined) op.valueType = valueType.toUpperCase();
  if (raw.DELETE === "Y" || (op.id !== undefined && value === undefined)) op.delete = true;
  return op;
}

/** Legacy `PHONE`/`EMAIL`/… keys of a fields object to operations. */
export function legacyFmOps(fields: Record<string, unknown>): FmOp[] {
  const ops: FmOp[] = [];
  for (const type of MULTI_FIELD_TYPES) {
    const raw = fields[type];
    if (raw === undefined) continue;
    const list: unknown[] = Array.isArray(raw)
      ? raw
      : rec(raw)
        ? Object.values(rec(raw) ?? {})
        : [];
    for (const item of list) {
      const r = rec(item);
      if (r) ops.push(opOf(type, r, ["VALUE", "VALUE_TYPE", "ID"]));
    }
  }
  return ops;
}

/** crm.item `fm` (array on add, id-keyed object on update) to operations. */
export function itemFmOps(fm: unknown): FmOp[] {
  const entries: [string, unknown][] = Array.isArray(fm)
    ? fm.map((v, i) => [`n${i}`, v])
    : Object.entries(rec(fm) ?? {});
  const ops: FmOp[] = [];
  for (const [key, item] of entries) {
    const r = rec(item);
    if (!r) continue;
    const type = text(r.typeId)?.toUpperCase() as MultiFieldType | undefined;
    const op = opOf(type ?? "PHONE", { ...r, id: /^\d+$/.test(key) ? key : r.id }, [
      "value",
      "valueType",
      "id",
    ]);
    if (op.id !== undefined && r.value === undefined) delete op.delete;
    if (op.id === undefined && (type === undefined || !MULTI_FIELD_TYPES.includes(type))) continue;
    ops.push(op);
  }
  return ops;
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** Applies operations to a record's multi-fields; throws MultiFieldError on a bad e-mail. */
export function applyFmOps(
  data: PortalData,
  current: readonly MultiField[] | undefined,
  ops: readonly FmOp[],
): MultiField[] {
  const list = (current ?? []).map((m) => ({ ...m }));
  for (const op of ops) {
    const existing = op.id !== undefined ? list.find((m) => m.id === op.id) : undefined;
    if (op.id !== undefined && !existing) continue;
    if (existing && (op.delete || op.value === "")) {
      list.splice(list.indexOf(existing), 1);
      continue;
    }
    const type = existing?.type ?? op.type;
    const valueType =
      op.valueType && VALUE_TYPES[type].includes(op.valueType)
        ? op.valueType
        : (existing?.valueType ?? VALUE_TYPES[type][0] ?? "WORK");
    const value = (op.value ?? existing?.value ?? "").trim();
    if (value === "") continue;
    if (type === "EMAIL" && !EMAIL_RE.test(value)) {
      throw new MultiFieldError(`${valueType.charAt(0)}${valueType.slice(1).toLowerCase()} e-mail`);
    }
    if (existing) {
      existing.value = value;
      existing.valueType = valueType;
    } else {
      list.push({ id: data.nextMultiFieldId(), type, valueType, value });
    }
  }
  return list;
}

/** Digits of a phone without the extension, for duplicate search. */
export function normalisePhone(value: string): string {
  return value.split(/(?:ext|доб|#|,)/i)[0]?.replace(/\D/g, "") ?? "";
}
