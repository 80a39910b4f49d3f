/**
 * Parses one incoming field value into its stored form, checking it the way
 * the real add/update methods do: numbers must be numbers, dates dates, users,
 * dictionary items, enumeration items and linked records must exist
 * (docs: crm-deal-add.md "Invalid value for the "Currency" field",
 * crm/universal/crm-item-add.md CRM_FIELD_ERROR_VALUE_NOT_VALID).
 */
import { parseDate, parseDateTime } from "./dates.js";
import type { CrmFieldDef } from "./crm-fields.js";
import { addFile, decodeUpload } from "./files.js";
import type { PortalData } from "./portal-data.js";
import type { CrmKind, StoredValue, UserFieldDef } from "./types.js";

/** Returned when a value is not acceptable for its field. */
export const INVALID = Symbol("invalid");
/** A stored value, or INVALID. */
export type Parsed = StoredValue | typeof INVALID;

/** What value parsing needs to know: the portal, the record kind and its pipeline. */
export interface ValueContext {
  data: PortalData;
  kind: CrmKind;
  timeZone: string;
  userId: number;
  /** Deal pipeline the record is (or will be) in, for STAGE_ID checks. */
  categoryId: number;
}

const isEmpty = (v: unknown): boolean => v === null || v === undefined || v === "";

/** A number from a number or numeric text (`1 500,5` too); null when empty. */
export function parseNumber(v: unknown): number | null | typeof INVALID {
  if (isEmpty(v)) return null;
  if (typeof v === "number") return Number.isFinite(v) ? v : INVALID;
  if (typeof v !== "string") return INVALID;
  const n = Number(v.replace(/\s/g, "").replace(",", "."));
  return Number.isFinite(n) ? n : INVALID;
}

/** An integer; null when empty. */
export function parseInteger(v: unknown): number | null | typeof INVALID {
  const n = parseNumber(v);
  return n === INVALID || n === null ? n : Number.isInteger(n) ? n : INVALID;
}

/** `Y`/`N` from Y/N, 1/0 or booleans; null when empty. */
export function parseChar(v: unknown): string | null | typeof INVALID {
  if (isEmpty(v)) return null;
  if (v === true || v === 1 || v === "1" || v === "Y" || v === "y") return "Y";
  if (v === false || v === 0 || v === "0" || v === "N" || v === "n") return "N";
  return INVALID;
}

function parseText(v: unknown): string | null | typeof INVALID {
  if (v === null || v === undefined) return null;
  if (typeof v === "string") return v;
  if (typeof v === "number" || typeof v === "boolean") return String(v);
  return INVALID;
}

function existingId(v: unknown, exists: (id: number) => boolean): number | null | typeof INVALID {
  const n = parseInteger(v);
  if (n === INVALID || n === null || n === 0) return n === 0 ? null : n;
  return exists(n) ? n : INVALID;
}

function statusEntity(ctx: ValueContext, def: CrmFieldDef): string | undefined {
  if (def.name === "STAGE_ID" && ctx.kind === "deal")
    return ctx.data.dealStageEntity(ctx.categoryId);
  return def.statusType;
}

/** Parses a value of a system field; INVALID when the portal would refuse it. */
export function parseSystemValue(ctx: ValueContext, def: CrmFieldDef, raw: unknown): Parsed {
  const { data } = ctx;
  switch (def.type) {
    case "string":
      return parseText(raw);
    case "char":
      return parseChar(raw);
    case "integer":
      return parseInteger(raw);
    case "double":
      return parseNumber(raw);
    case "date":
      return isEmpty(raw) ? null : (parseDate(raw, ctx.timeZone) ?? INVALID);
    case "datetime":
      return isEmpty(raw) ? null : (parseDateTime(raw, ctx.timeZone) ?? INVALID);
    case "user":
      return existingId(raw, (id) => data.activeUser(id) !== undefined);
    case "crm_company":
      return existingId(raw, (id) => data.crm.company.get(id) !== undefined);
    case "crm_contact":
      return existingId(raw, (id) => data.crm.contact.get(id) !== undefined);
    case "crm_lead":
      return existingId(raw, (id) => data.crm.lead.get(id) !== undefined);
    case "crm_category": {
      const n = parseInteger(raw);
      if (n === INVALID || n === null) return n === null ? 0 : n;
      return data.categories.get(n) ? n : INVALID;
    }
    case "crm_currency": {
      if (isEmpty(raw)) return null;
      const code = typeof raw === "string" ? raw.toUpperCase() : "";
      return data.currencies.some((c) => c.id === code) ? code : INVALID;
    }
    case "crm_status": {
      if (isEmpty(raw)) return null;
      const entity = statusEntity(ctx, def);
      if (typeof raw !== "string" || entity === undefined) return INVALID;
      return data.findStatus(entity, raw) ? raw : INVALID;
    }
    case "file": {
      const upload = decodeUpload(raw);
      if (!upload) return isEmpty(raw) ? null : INVALID;
      return addFile(data, { ...upload, createdBy: ctx.userId }).id;
    }
    default:
      return parseText(raw);
  }
}

const CRM_BINDING = /^(L|D|C|CO)_(\d+)$/;

function parseUserFieldScalar(ctx: ValueContext, uf: UserFieldDef, raw: unknown): Parsed {
  if (isEmpty(raw)) return null;
  const { data } = ctx;
  switch (uf.userTypeId) {
    case "integer":
      return parseInteger(raw);
    case "double":
      return parseNumber(raw);
    case "boolean": {
      const c = parseChar(raw);
      return c === INVALID || c === null ? c : c === "Y" ? 1 : 0;
    }
    case "date":
      return parseDate(raw, ctx.timeZone) ?? INVALID;
    case "datetime":
      return parseDateTime(raw, ctx.timeZone) ?? INVALID;
    case "enumeration": {
      const id = parseInteger(raw);
      if (id === INVALID || id === null) return id;
      return uf.list?.some((item) => item.id === id) ? id : INVALID;
    }
    case "employee":
      return existingId(raw, (id) => data.users.get(id) !== undefined);
    case "money": {
      if (typeof raw === "number") return `${raw}|${data.baseCurrency()}`;
      const m =
        typeof raw === "string" ? /^(-?\d+(?:\.\d+)?)(?:\|([A-Z]{3}))?$/.exec(raw.trim()) : null;
      if (!m) return INVALID;
      return `${m[1]}|${m[2] ?? data.baseCurrency()}`;
    }
    case "crm": {
      const text = typeof raw === "number" ? String(raw) : typeof raw === "string" ? raw : "";
      return /^\d+$/.test(text) || CRM_BINDING.test(text) ? text : INVALID;
    }
    case "crm_status": {
      const entity = typeof uf.settings.ENTITY_TYPE === "string" ? uf.settings.ENTITY_TYPE : "";
      return typeof raw === "string" && data.findStatus(entity, raw) ? raw : INVALID;
    }
    case "file": {
      const upload = decodeUpload(raw);
      return upload ? addFile(data, { ...upload, createdBy: ctx.userId }).id : INVALID;
    }
    default:
      return parseText(raw);
  }
}

/** Parses a user field value (arrays for multiple fields); INVALID on any bad item. */
export function parseUserFieldValue(ctx: ValueContext, uf: UserFieldDef, raw: unknown): Parsed {
  if (!uf.multiple) {
    return parseUserFieldScalar(
      ctx,
      uf,
      Array.isArray(raw) && uf.userTypeId !== "file" ? raw[0] : raw,
    );
  }
  const items: unknown[] =
    Array.isArray(raw) && !(uf.userTypeId === "file" && typeof raw[0] === "string")
      ? raw
      : isEmpty(raw)
        ? []
        : [raw];
  const numbers: number[] = [];
  const strings: string[] = [];
  for (const item of items) {
    const v = parseUserFieldScalar(ctx, uf, item);
    if (v === INVALID) return INVALID;
    if (typeof v === "number") numbers.push(v);
    if (typeof v === "number" || typeof v === "string") strings.push(String(v));
  }
  return numbers.length === strings.length ? numbers : strings;
}
