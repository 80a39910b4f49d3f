/**
 * `department.get` and `department.add` (docs: api-reference/departments/department-{get,add}.md).
 * Filters are top-level params (ID, NAME, SORT, PARENT, UF_HEAD); `sort` +
 * `order` sort; SORT renders as a number, the ids as strings.
 */
import { addDepartment } from "../data/empty-portal.js";
import { runList, type ListSource } from "../data/list-query.js";
import type { FilterGroup } from "../data/filter.js";
import type { Row, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { intOf, param, positiveIntOf, stringOf } from "./params.js";

const KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  NAME: "string",
  SORT: "int",
  PARENT: "int",
  UF_HEAD: "int",
};

function render(d: Row): Record<string, unknown> {
  const out: Record<string, unknown> = { ID: String(d.id), NAME: d.f.NAME, SORT: d.f.SORT };
  if (d.f.PARENT !== null && d.f.PARENT !== undefined) out.PARENT = String(d.f.PARENT);
  if (d.f.UF_HEAD !== null && d.f.UF_HEAD !== undefined) out.UF_HEAD = String(d.f.UF_HEAD);
  return out;
}

function get(call: MethodCall): MethodResult {
  const source: ListSource<Row> = {
    rows: call.portal.data.departments.rows,
    idOf: (d) => d.id,
    valueOf: (d, field) => (field === "ID" ? d.id : d.f[field]),
    kindOf: (field) => KINDS[field],
  };
  const filter: FilterGroup = { logic: "AND", items: [] };
  for (const field of Object.keys(KINDS)) {
    const value = call.params[field];
    if (value !== undefined) filter.items.push({ field, op: "eq", value });
  }
  const sort = (stringOf(param(call.params, "sort")) ?? "ID").toUpperCase();
  const page = runList({
    source,
    filter,
    order: [
      {
        field: sort in KINDS ? sort : "ID",
        desc: (stringOf(param(call.params, "order")) ?? "").toUpperCase() === "DESC",
      },
    ],
    start: call.start ?? intOf(call.params.START),
    paging: "page",
    idField: "ID",
    timeZone: call.portal.timeZone,
  });
  const result: MethodResult = { result: page.rows.map(render), total: page.total };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function add(call: MethodCall): MethodResult {
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("ERROR_CORE", "Access denied");
  const name = stringOf(param(call.params, "NAME")) ?? "";
  if (name.trim() === "") throw new RestError("ERROR_CORE", "Department name not provided.<br>");
  const parent = positiveIntOf(param(call.params, "PARENT"));
  if (parent === undefined || !data.departments.get(parent)) {
    throw new RestError(
      "ERROR_CORE",
      "There can only be one top-level department in the company structure",
    );
  }
  const head = positiveIntOf(param(call.params, "UF_HEAD"));
  const row = addDepartment(data, {
    name,
    parent,
    sort: intOf(param(call.params, "SORT")) ?? 500,
    head: head !== undefined && data.users.get(head) ? head : null,
  });
  return { result: row.id };
}

/** department.get and department.add (scope `department`). */
export const departmentMethods: MethodDefinition[] = [
  { name: "department.get", scope: "department", cost: listCost, handler: get },
  { name: "department.add", scope: "department", cost: COST.add, handler: add },
];
