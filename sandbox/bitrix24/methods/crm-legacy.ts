/**
 * Legacy CRM methods `crm.{lead,contact,company,deal}.{list,get,add,update,delete,fields}`
 * (docs: api-reference/crm/deals/crm-deal-*.md and the lead/contact/company
 * twins). UPPER_CASE fields, every scalar rendered as a string, errors with an
 * empty code and HTTP 400 (`ID is not defined or invalid.`, `Not found.`).
 */
import { CRM_FIELDS } from "../data/crm-fields.js";
import { addCrmRecord, CrmWriteError, updateCrmRecord } from "../data/crm-write.js";
import { parseFilter } from "../data/filter.js";
import { expandSelect, parseOrder, runList } from "../data/list-query.js";
import { legacyFmOps, MultiFieldError } from "../data/multi-fields.js";
import type { CrmKind, CrmRecord } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { legacyFieldsInfo } from "./crm-fields-info.js";
import { renderLegacy, type RenderContext } from "./crm-render.js";
import { legacySource } from "./crm-source.js";
import { dictParam, legacyId, param } from "./params.js";

/** Fields `*` stands for: system, non-multiple, shown by get/list. */
export function starFields(kind: CrmKind): string[] {
  return CRM_FIELDS[kind]
    .filter((d) => !d.itemOnly && d.type !== "crm_multifield")
    .map((d) => d.name);
}

function ctxOf(call: MethodCall, kind: CrmKind): RenderContext {
  return { data: call.portal.data, kind, timeZone: call.portal.timeZone, baseUrl: call.baseUrl };
}

/** Maps a refused write to the legacy error (empty code, `<br />` like CCrm*::LAST_ERROR). */
export function legacyWriteError(error: unknown, kind: CrmKind): never {
  if (error instanceof CrmWriteError) {
    if (error.reason === "required" && kind === "contact" && error.field === "NAME") {
      throw new RestError("", "The required field 'First name' or 'Last name' is missing.<br />");
    }
    throw new RestError(
      "",
      error.reason === "required"
        ? `The required field '${error.title}' is missing.<br />`
        : `Invalid value for the "${error.title}" field<br />`,
    );
  }
  if (error instanceof MultiFieldError) throw new RestError("ERROR_CORE", error.message);
  throw error;
}

function findRecord(call: MethodCall, kind: CrmKind): CrmRecord {
  const id = legacyId(call.params);
  const record = call.portal.data.crm[kind].get(id);
  if (!record) throw new RestError("", "Not found.");
  return record;
}

function list(call: MethodCall, kind: CrmKind): MethodResult {
  const { data, timeZone } = call.portal;
  const filterRaw = param(call.params, "filter");
  const orderRaw = param(call.params, "order");
  if (filterRaw !== undefined && filterRaw !== "") dictParam(call.params, "filter");
  if (orderRaw !== undefined && orderRaw !== "") dictParam(call.params, "order");
  const source = legacySource(data, kind);
  const page = runList({
    source,
    filter: parseFilter(filterRaw),
    order: parseOrder(orderRaw, (f) => source.kindOf(f) !== undefined),
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
  });
  const ufNames = data.userFieldsOf(kind).map((u) => u.fieldName);
  const named = (f: string): boolean =>
    (f.startsWith("UF_") && ufNames.includes(f)) ||
    CRM_FIELDS[kind].some((d) => d.name === f && !d.itemOnly);
  const fields = expandSelect(param(call.params, "select"), starFields(kind), ufNames, named);
  const ctx = ctxOf(call, kind);
  const result: MethodResult = {
    result: page.rows.map((r) => renderLegacy(ctx, r, fields)),
    total: page.total,
  };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function get(call: MethodCall, kind: CrmKind): MethodResult {
  const record = findRecord(call, kind);
  const { data } = call.portal;
  const fields = [
    ...starFields(kind),
    ...data.userFieldsOf(kind).map((u) => u.fieldName),
    ...(kind === "deal" ? [] : ["PHONE", "EMAIL", "WEB", "IM", "LINK"]),
  ];
  return { result: renderLegacy(ctxOf(call, kind), record, fields) };
}

function add(call: MethodCall, kind: CrmKind): MethodResult {
  const fields = dictParam(call.params, "fields", true);
  dictParam(call.params, "params");
  try {
    const record = addCrmRecord({
      data: call.portal.data,
      kind,
      userId: call.caller.userId,
      timeZone: call.portal.timeZone,
      fields,
      fm: legacyFmOps(fields),
    });
    return { result: record.id };
  } catch (error) {
    return legacyWriteError(error, kind);
  }
}

function update(call: MethodCall, kind: CrmKind): MethodResult {
  const record = findRecord(call, kind);
  const fields = dictParam(call.params, "fields", true);
  dictParam(call.params, "params");
  try {
    updateCrmRecord(
      {
        data: call.portal.data,
        kind,
        userId: call.caller.userId,
        timeZone: call.portal.timeZone,
        fields,
        fm: legacyFmOps(fields),
      },
      record,
    );
    return { result: true };
  } catch (error) {
    return legacyWriteError(error, kind);
  }
}

function remove(call: MethodCall, kind: CrmKind): MethodResult {
  const record = findRecord(call, kind);
  call.portal.data.deleteCrm(kind, record.id);
  return { result: true };
}

/** The six legacy methods of one CRM entity. */
export function legacyCrmMethods(kind: CrmKind): MethodDefinition[] {
  const prefix = `crm.${kind}`;
  return [
    { name: `${prefix}.list`, scope: "crm", cost: listCost, handler: (c) => list(c, kind) },
    { name: `${prefix}.get`, scope: "crm", cost: COST.get, handler: (c) => get(c, kind) },
    { name: `${prefix}.add`, scope: "crm", cost: COST.add, handler: (c) => add(c, kind) },
    { name: `${prefix}.update`, scope: "crm", cost: COST.update, handler: (c) => update(c, kind) },
    { name: `${prefix}.delete`, scope: "crm", cost: COST.delete, handler: (c) => remove(c, kind) },
    {
      name: `${prefix}.fields`,
      scope: "crm",
      cost: COST.fields,
      handler: (c) => ({ result: legacyFieldsInfo(c.portal.data, kind) }),
    },
  ];
}
