/**
 * `voximplant.statistic.get` (docs: telephony/voximplant/voximplant-statistic-get.md):
 * call history with FILTER (prefixes incl. `><`), SORT + ORDER, 50-row pages.
 */
import { formatDateTime } from "../data/dates.js";
import { parseFilter } from "../data/filter.js";
import { runList, type ListSource } from "../data/list-query.js";
import type { Row, ValueKind } from "../data/types.js";
import type { MethodCall, MethodDefinition, MethodResult } from "../method-types.js";
import { listCost } from "./costs.js";
import { param, stringOf } from "./params.js";

/** Statistics fields and how filters compare them. */
export const CALL_KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  CALL_ID: "string",
  EXTERNAL_CALL_ID: "string",
  CALL_CATEGORY: "string",
  PORTAL_USER_ID: "int",
  PORTAL_NUMBER: "string",
  PHONE_NUMBER: "string",
  CALL_TYPE: "int",
  CALL_DURATION: "int",
  CALL_START_DATE: "datetime",
  CALL_RECORD_URL: "string",
  CALL_VOTE: "int",
  COST: "float",
  COST_CURRENCY: "string",
  CALL_FAILED_CODE: "string",
  CALL_FAILED_REASON: "string",
  CRM_ENTITY_TYPE: "string",
  CRM_ENTITY_ID: "int",
  CRM_ACTIVITY_ID: "int",
  REST_APP_ID: "int",
  RECORD_FILE_ID: "int",
  COMMENT: "string",
};

const ORDERED = [
  "ID",
  "PORTAL_USER_ID",
  "PORTAL_NUMBER",
  "PHONE_NUMBER",
  "CALL_ID",
  "EXTERNAL_CALL_ID",
  "CALL_CATEGORY",
  "CALL_LOG",
  "CALL_DURATION",
  "CALL_START_DATE",
  "CALL_RECORD_URL",
  "CALL_VOTE",
  "COST",
  "COST_CURRENCY",
  "CALL_FAILED_CODE",
  "CALL_FAILED_REASON",
  "CRM_ENTITY_TYPE",
  "CRM_ENTITY_ID",
  "CRM_ACTIVITY_ID",
  "REST_APP_ID",
  "REST_APP_NAME",
  "TRANSCRIPT_ID",
  "TRANSCRIPT_PENDING",
  "SESSION_ID",
  "REDIAL_ATTEMPT",
  "COMMENT",
  "RECORD_DURATION",
  "RECORD_FILE_ID",
  "CALL_TYPE",
];

/** A statistics row as the method renders it (strings; RECORD_FILE_ID a number). */
export function renderCall(row: Row, tz: string): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of ORDERED) {
    const v = name === "ID" ? row.id : row.f[name];
    if (name === "TRANSCRIPT_PENDING") out[name] = "N";
    else if (v === null || v === undefined) out[name] = null;
    else if (name === "CALL_START_DATE") out[name] = formatDateTime(Number(v), tz);
    else if (name === "COST") out[name] = Number(v).toFixed(4);
    else if (name === "RECORD_FILE_ID") out[name] = Number(v);
    else out[name] = String(v);
  }
  return out;
}

function get(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const source: ListSource<Row> = {
    rows: data.calls.rows,
    idOf: (r) => r.id,
    valueOf: (r, field) => (field === "ID" ? r.id : r.f[field]),
    kindOf: (field) => CALL_KINDS[field],
  };
  const sort = stringOf(param(call.params, "SORT"))?.toUpperCase();
  const desc = stringOf(param(call.params, "ORDER"))?.toUpperCase() === "DESC";
  const page = runList({
    source,
    filter: parseFilter(param(call.params, "FILTER")),
    order: sort !== undefined && sort in CALL_KINDS ? [{ field: sort, desc }] : [],
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
  });
  const result: MethodResult = {
    result: page.rows.map((r) => renderCall(r, timeZone)),
    total: page.total,
  };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

/** voximplant.statistic.get (scope `telephony`). */
export const telephonyStatMethods: MethodDefinition[] = [
  { name: "voximplant.statistic.get", scope: "telephony", cost: listCost, handler: get },
];
