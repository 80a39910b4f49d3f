/**
 * Wire formats of CRM records. Legacy `crm.*.get/list` render every scalar as
 * a string (`"ID":"37"`, `"OPPORTUNITY":"19999.99"`) with null for empty
 * fields; `crm.item.*` renders typed camelCase values (`"id":250`,
 * `"opportunity":999.9`, `"companyId":0`). Dates are ISO-8601 with the portal
 * offset; `date` fields as midnight (docs: crm/deals/crm-deal-get.md,
 * crm/universal/crm-item-get.md).
 */
import { toCamel } from "../data/camel-names.js";
import { CRM_FIELDS, crmField, type CrmFieldDef } from "../data/crm-fields.js";
import { formatDateAsDateTime, formatDateTime } from "../data/dates.js";
import { downloadUrl } from "../data/files.js";
import type { PortalData } from "../data/portal-data.js";
import {
  ENTITY_TYPE_ID,
  MULTI_FIELD_TYPES,
  textOf,
  type CrmKind,
  type CrmRecord,
  type UserFieldDef,
} from "../data/types.js";
import { crmValue } from "./crm-source.js";

/** What rendering a CRM record needs. */
export interface RenderContext {
  data: PortalData;
  kind: CrmKind;
  timeZone: string;
  baseUrl: string;
}

const LINK_TYPES = new Set(["crm_company", "crm_contact", "crm_lead", "crm_quote"]);

function dateValue(v: unknown, type: string, tz: string): string | null {
  if (type === "date" && typeof v === "string") return formatDateAsDateTime(v, tz);
  if (typeof v === "number") return formatDateTime(v, tz);
  return null;
}

/** A system field value the legacy way (strings, null when empty). */
export function legacySystemValue(v: unknown, def: CrmFieldDef, tz: string): unknown {
  if (v === null || v === undefined) return null;
  if (Array.isArray(v)) return v.map(String);
  if (def.type === "date" || def.type === "datetime") return dateValue(v, def.type, tz);
  if (def.type === "double" && typeof v === "number") return v.toFixed(2);
  return textOf(v);
}

function fileValue(ctx: RenderContext, id: unknown, legacy: boolean): unknown {
  const fileId = Number(id);
  const url = downloadUrl(ctx.data, ctx.baseUrl, fileId);
  return legacy
    ? { id: String(fileId), showUrl: url, downloadUrl: url }
    : { id: fileId, url, urlMachine: url };
}

/** A user field value; legacy renders strings, crm.item typed values. */
export function userFieldValue(
  ctx: RenderContext,
  uf: UserFieldDef,
  v: unknown,
  legacy: boolean,
): unknown {
  const one = (x: unknown): unknown => {
    if (x === null || x === undefined) return null;
    switch (uf.userTypeId) {
      case "boolean":
        return legacy ? (Number(x) ? "1" : "0") : Number(x) ? "Y" : "N";
      case "date":
      case "datetime":
        return dateValue(x, uf.userTypeId, ctx.timeZone);
      case "file":
        return fileValue(ctx, x, legacy);
      case "enumeration":
      case "integer":
      case "double":
      case "employee":
        return legacy ? textOf(x) : Number(x);
      default:
        return textOf(x);
    }
  };
  if (uf.multiple)
    return (Array.isArray(v) ? v : v === null || v === undefined ? [] : [v]).map(one);
  return one(Array.isArray(v) ? v[0] : v);
}

function multiFields(record: CrmRecord, type: string): Record<string, string>[] {
  return (record.fm ?? [])
    .filter((m) => m.type === type)
    .map((m) => ({ ID: String(m.id), VALUE_TYPE: m.valueType, VALUE: m.value, TYPE_ID: m.type }));
}

/** Renders the named UPPER_CASE fields of a record for legacy get/list. */
export function renderLegacy(
  ctx: RenderContext,
  record: CrmRecord,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    if ((MULTI_FIELD_TYPES as readonly string[]).includes(name)) {
      const list = multiFields(record, name);
      if (list.length > 0) out[name] = list;
      continue;
    }
    if (name.startsWith("UF_")) {
      const uf = ctx.data.userField(ctx.kind, name);
      if (uf) out[name] = userFieldValue(ctx, uf, record.f[name], true);
      continue;
    }
    const def = crmField(ctx.kind, name);
    if (def)
      out[name] = legacySystemValue(crmValue(ctx.data, ctx.kind, record, name), def, ctx.timeZone);
  }
  return out;
}

/** A system field value the crm.item way (typed). */
function itemSystemValue(v: unknown, def: CrmFieldDef, tz: string): unknown {
  if (def.multiple) return Array.isArray(v) ? v.map(Number) : [];
  if (v === null || v === undefined) return LINK_TYPES.has(def.type) ? 0 : null;
  if (def.type === "date" || def.type === "datetime") return dateValue(v, def.type, tz);
  return v;
}

/** crm.item rendering options. */
export interface ItemRenderOptions {
  /** camelCase names to include; undefined = everything (`*`). */
  select?: ReadonlySet<string>;
  originalUfNames: boolean;
}

/** Renders a record as a crm.item `item` (camelCase, typed, `fm` only for `*`). */
export function renderItem(
  ctx: RenderContext,
  record: CrmRecord,
  opts: ItemRenderOptions,
): Record<string, unknown> {
  const { kind, data } = ctx;
  const wants = (name: string): boolean => opts.select === undefined || opts.select.has(name);
  const out: Record<string, unknown> = { id: record.id };
  for (const def of CRM_FIELDS[kind]) {
    if (def.name === "ID" || def.type === "crm_multifield") continue;
    const camel = toCamel(kind, def.name);
    if (wants(camel))
      out[camel] = itemSystemValue(crmValue(data, kind, record, def.name), def, ctx.timeZone);
  }
  for (const uf of data.userFieldsOf(kind)) {
    const name = opts.originalUfNames ? uf.fieldName : toCamel(kind, uf.fieldName);
    if (wants(name) || wants(toCamel(kind, uf.fieldName)))
      out[name] = userFieldValue(ctx, uf, record.f[uf.fieldName], false);
  }
  if (wants("observers")) out.observers = [];
  if (wants("entityTypeId")) out.entityTypeId = ENTITY_TYPE_ID[kind];
  if (opts.select === undefined && kind !== "deal") {
    out.fm = (record.fm ?? []).map((m) => ({
      id: m.id,
      valueType: m.valueType,
      value: m.value,
      typeId: m.type,
    }));
  }
  return out;
}
