/**
 * Adds and updates leads, contacts, companies and deals: required fields,
 * typed values, dictionary/user/link checks, defaults, multi-fields, links and
 * the derived fields (HAS_PHONE, STAGE_SEMANTIC_ID, DATE_MODIFY…). Shared by the
 * legacy `crm.*.add/update` and `crm.item.*`, which only differ in naming and
 * error wording (docs: crm/deals/crm-deal-add.md, crm/universal/crm-item-add.md,
 * crm/universal/import/index.md). Nothing is written unless everything is valid.
 */
import { CRM_FIELDS, crmField, type CrmFieldDef } from "./crm-fields.js";
import { applyCrmDefaults, deriveCrmFields } from "./crm-defaults.js";
import { INVALID, parseSystemValue, parseUserFieldValue, type ValueContext } from "./crm-values.js";
import { applyFmOps, type FmOp } from "./multi-fields.js";
import type { PortalData } from "./portal-data.js";
import type { Binding, CrmKind, CrmRecord, StoredValue } from "./types.js";

/** Why a write was refused; each API words it its own way. */
export class CrmWriteError extends Error {
  constructor(
    readonly reason: "required" | "invalid",
    /** UPPER_CASE field name. */
    readonly field: string,
    readonly title: string,
  ) {
    super(
      reason === "required"
        ? `The "${title}" field is required`
        : `Invalid value for field "${title}"`,
    );
    this.name = "CrmWriteError";
  }
}

/** One add/update request in UPPER_CASE terms. */
export interface CrmWrite {
  data: PortalData;
  kind: CrmKind;
  userId: number;
  timeZone: string;
  /** UPPER_CASE system fields and UF_* values. */
  fields: Record<string, unknown>;
  fm?: FmOp[];
  /** Import: history fields (DATE_CREATE, CREATED_BY_ID…) may be set. */
  history?: boolean;
}

const HISTORY = new Set([
  "DATE_CREATE",
  "DATE_MODIFY",
  "CREATED_BY_ID",
  "MODIFY_BY_ID",
  "MOVED_TIME",
  "MOVED_BY_ID",
]);
const LINK_FIELDS = new Set(["CONTACT_IDS", "COMPANY_IDS", "CONTACT_ID", "COMPANY_ID"]);

function title(kind: CrmKind, field: string, data: PortalData): string {
  return crmField(kind, field)?.title ?? data.userField(kind, field)?.label ?? field;
}

function parseIdList(
  data: PortalData,
  kind: "contact" | "company",
  raw: unknown,
  field: string,
  owner: CrmKind,
): number[] {
  const list: unknown[] = Array.isArray(raw)
    ? raw
    : raw === null || raw === "" || raw === undefined
      ? []
      : [raw];
  return list.map((v) => {
    const id = Number(v);
    if (!Number.isInteger(id) || id <= 0 || !data.crm[kind].get(id)) {
      throw new CrmWriteError("invalid", field, title(owner, field, data));
    }
    return id;
  });
}

/** Link fields per owner kind: the list field, its deprecated single form, the linked kind. */
const LINKS = {
  deal: ["CONTACT_IDS", "CONTACT_ID", "contact"],
  contact: ["COMPANY_IDS", "COMPANY_ID", "company"],
} as const;

/** Reads link fields into the new link list (deal contacts, contact companies); undefined = unchanged. */
function parseLinks(w: CrmWrite, current: CrmRecord | undefined): Binding[] | undefined {
  const { data, kind, fields } = w;
  if (kind !== "deal" && kind !== "contact") return undefined;
  const [listField, singleField, target] = LINKS[kind];
  let ids: number[] | undefined;
  if (fields[listField] !== undefined) {
    ids = parseIdList(data, target, fields[listField], listField, kind);
  } else if (fields[singleField] !== undefined) {
    // The deprecated single field makes its id primary and keeps the other links.
    const single = parseIdList(data, target, fields[singleField], singleField, kind);
    const others = (current?.links ?? []).map((l) => l.id).filter((id) => !single.includes(id));
    ids = [...single, ...others];
  }
  if (!ids) return undefined;
  return [...new Set(ids)].map((id, i) => ({ id, sort: (i + 1) * 10, primary: i === 0 }));
}

function checkRequired(w: CrmWrite, values: Record<string, StoredValue>, adding: boolean): void {
  const { kind, data } = w;
  const empty = (f: string): boolean =>
    values[f] === null || values[f] === undefined || values[f] === "";
  if (kind === "company" && (adding || "TITLE" in values) && empty("TITLE")) {
    throw new CrmWriteError("required", "TITLE", title(kind, "TITLE", data));
  }
  if (
    kind === "contact" &&
    (adding || ("NAME" in values && "LAST_NAME" in values)) &&
    empty("NAME") &&
    empty("LAST_NAME")
  ) {
    throw new CrmWriteError("required", "NAME", title(kind, "NAME", data));
  }
  for (const uf of data.userFieldsOf(kind)) {
    if (!uf.mandatory || (!adding && !(uf.fieldName in values))) continue;
    const v = values[uf.fieldName];
    if (v === null || v === undefined || v === "" || (Array.isArray(v) && v.length === 0)) {
      throw new CrmWriteError("required", uf.fieldName, uf.label);
    }
  }
}

/** Validates and parses `w.fields` against the current record (if any). */
function parseFields(w: CrmWrite, current: CrmRecord | undefined): Record<string, StoredValue> {
  const { data, kind } = w;
  const rawCategory = kind === "deal" && current === undefined ? w.fields.CATEGORY_ID : undefined;
  const ctx: ValueContext = {
    data,
    kind,
    timeZone: w.timeZone,
    userId: w.userId,
    categoryId: current ? Number(current.f.CATEGORY_ID ?? 0) : 0,
  };
  if (rawCategory !== undefined && rawCategory !== null && rawCategory !== "") {
    const def = crmField("deal", "CATEGORY_ID") as CrmFieldDef;
    const cat = parseSystemValue(ctx, def, rawCategory);
    if (cat === INVALID) throw new CrmWriteError("invalid", "CATEGORY_ID", def.title);
    ctx.categoryId = Number(cat);
  }
  const values: Record<string, StoredValue> = {};
  for (const [name, raw] of Object.entries(w.fields)) {
    if (name.startsWith("UF_")) {
      const uf = data.userField(kind, name);
      if (!uf) continue;
      const v = parseUserFieldValue(ctx, uf, raw);
      if (v === INVALID) throw new CrmWriteError("invalid", name, uf.label);
      values[name] = v;
      continue;
    }
    const def = crmField(kind, name);
    if (!def || def.type === "crm_multifield" || def.name === "ID") continue;
    if (LINK_FIELDS.has(name) && (kind === "deal" || kind === "contact") && name !== "COMPANY_ID")
      continue;
    if (
      (kind === "contact" && name === "COMPANY_ID") ||
      (kind === "company" && name === "CONTACT_ID")
    )
      continue;
    if (kind === "lead" && name === "CONTACT_IDS") {
      values.CONTACT_ID = parseIdList(data, "contact", raw, name, kind)[0] ?? null;
      continue;
    }
    if (def.readOnly && !(w.history && HISTORY.has(name))) continue;
    if (def.immutable && current) continue;
    if (name === "CATEGORY_ID") {
      values.CATEGORY_ID = ctx.categoryId;
      continue;
    }
    const v = parseSystemValue(ctx, def, raw);
    if (v === INVALID) throw new CrmWriteError("invalid", name, def.title);
    values[name] = v;
  }
  return values;
}

/** Creates a record; throws CrmWriteError (or MultiFieldError) when refused. */
export function addCrmRecord(w: CrmWrite): CrmRecord {
  const { data, kind } = w;
  const values = parseFields(w, undefined);
  const links = parseLinks(w, undefined);
  const fm = w.fm && kind !== "deal" ? applyFmOps(data, undefined, w.fm) : undefined;
  checkRequired(w, values, true);
  const id = data.crm[kind].nextId();
  const record: CrmRecord = { id, f: {} };
  applyCrmDefaults(data, kind, record, values, w.userId, w.timeZone);
  if (fm && fm.length > 0) record.fm = fm;
  deriveCrmFields(data, kind, record, undefined);
  data.crm[kind].insert(record);
  if (links && (kind === "deal" || kind === "contact")) data.setLinks(kind, record, links);
  return record;
}

/** Updates a record in place; DATE_MODIFY moves forward. */
export function updateCrmRecord(w: CrmWrite, record: CrmRecord): CrmRecord {
  const { data, kind } = w;
  const values = parseFields(w, record);
  const links = parseLinks(w, record);
  const fm =
    w.fm && w.fm.length > 0 && kind !== "deal" ? applyFmOps(data, record.fm, w.fm) : undefined;
  checkRequired(w, values, false);
  const before = { ...record.f };
  for (const [name, v] of Object.entries(values)) {
    if (v === null) delete record.f[name];
    else record.f[name] = v;
  }
  if (fm) record.fm = fm.length > 0 ? fm : undefined;
  if (!w.history || values.DATE_MODIFY === undefined) {
    record.f.DATE_MODIFY = Math.max(data.now(), Number(before.DATE_MODIFY ?? 0) + 1);
    record.f.MODIFY_BY_ID = w.userId;
  }
  deriveCrmFields(data, kind, record, before);
  if (links && (kind === "deal" || kind === "contact")) data.setLinks(kind, record, links);
  return record;
}

/** Field names a kind accepts on write (system, non-read-only) — for crm.item camel mapping. */
export function writableFields(kind: CrmKind): string[] {
  return CRM_FIELDS[kind].filter((d) => !d.readOnly || HISTORY.has(d.name)).map((d) => d.name);
}
