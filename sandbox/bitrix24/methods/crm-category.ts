/**
 * Deal pipelines: `crm.category.{list,add}` (docs:
 * crm/universal/category/crm-category-list.md, -add.md) and the deprecated
 * `crm.dealcategory.{list,add}` (docs: crm/outdated/category-old/*.md), which
 * do not show the default pipeline 0.
 */
import { addDealCategory } from "../data/dictionaries.js";
import { formatDateTime } from "../data/dates.js";
import { parseFilter } from "../data/filter.js";
import { expandSelect, parseOrder, runList, type ListSource } from "../data/list-query.js";
import type { Row, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { dictParam, intOf, param, positiveIntOf, stringOf } from "./params.js";

function entityTypeOf(call: MethodCall): number {
  const id = positiveIntOf(param(call.params, "entityTypeId"));
  if (id === undefined || ![1, 2, 3, 4].includes(id))
    throw new RestError("NOT_FOUND", "Smart process not found");
  if (id === 1)
    throw new RestError("ENTITY_TYPE_NOT_SUPPORTED", "Entity type LEAD is not supported");
  return id;
}

function renderCategory(row: Row, entityTypeId: number): Record<string, unknown> {
  const out: Record<string, unknown> = {
    id: row.id,
    name: row.f.NAME,
    sort: row.f.SORT,
    entityTypeId,
    isDefault: row.id === 0 ? "Y" : "N",
  };
  if (row.id !== 0)
    Object.assign(out, {
      originId: row.f.ORIGIN_ID ?? "",
      originatorId: row.f.ORIGINATOR_ID ?? "",
    });
  return out;
}

function sortedCategories(rows: readonly Row[]): Row[] {
  return [...rows].sort((a, b) => Number(a.f.SORT) - Number(b.f.SORT) || a.id - b.id);
}

function categoryList(call: MethodCall): MethodResult {
  const entityTypeId = entityTypeOf(call);
  const rows: readonly Row[] =
    entityTypeId === 2
      ? call.portal.data.categories.rows
      : [{ id: 0, f: { NAME: "General", SORT: 500 } }];
  const categories = sortedCategories(rows).map((r) => renderCategory(r, entityTypeId));
  return { result: { categories }, total: categories.length };
}

function categoryAdd(call: MethodCall): MethodResult {
  const entityTypeId = entityTypeOf(call);
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("ACCESS_DENIED", "Access denied");
  if (entityTypeId !== 2)
    throw new RestError("0", "Default client category does not support updating default state");
  const f = dictParam(call.params, "fields", true);
  const name = stringOf(f.name) ?? "";
  if (name.trim() === "") throw new RestError("0", "Field 'NAME' is required");
  const row = addDealCategory(data, {
    name,
    sort: Math.max(0, intOf(f.sort) ?? 500),
    originId: stringOf(f.originId),
    originatorId: stringOf(f.originatorId),
  });
  return { result: { category: renderCategory(row, 2) } };
}

const OLD_KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  SORT: "int",
  NAME: "string",
  IS_LOCKED: "string",
  CREATED_DATE: "datetime",
  ORIGIN_ID: "string",
  ORIGINATOR_ID: "string",
};

function dealCategoryList(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const source: ListSource<Row> = {
    rows: data.categories.rows.filter((r) => r.id !== 0),
    idOf: (r) => r.id,
    valueOf: (r, field) => (field === "ID" ? r.id : r.f[field]),
    kindOf: (field) => OLD_KINDS[field],
  };
  const page = runList({
    source,
    filter: parseFilter(param(call.params, "filter")),
    order: parseOrder(param(call.params, "order"), (f) => f in OLD_KINDS),
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
  });
  const fields = expandSelect(
    param(call.params, "select"),
    Object.keys(OLD_KINDS),
    [],
    (f) => f in OLD_KINDS,
  );
  const rows = page.rows.map((r) => {
    const full: Record<string, unknown> = {
      ID: String(r.id),
      CREATED_DATE: formatDateTime(Number(r.f.CREATED_DATE ?? 0), timeZone),
      NAME: r.f.NAME,
      IS_LOCKED: r.f.IS_LOCKED ?? "N",
      SORT: String(r.f.SORT),
      ORIGIN_ID: r.f.ORIGIN_ID ?? "",
      ORIGINATOR_ID: r.f.ORIGINATOR_ID ?? "",
    };
    return Object.fromEntries(fields.map((k) => [k, full[k]]));
  });
  const result: MethodResult = { result: rows, total: page.total };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function dealCategoryAdd(call: MethodCall): MethodResult {
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("", "Access denied.");
  const f = dictParam(call.params, "fields", true);
  const name = stringOf(f.NAME) ?? "";
  if (name.trim() === "") throw new RestError("", "The field NAME is required.");
  return { result: addDealCategory(data, { name, sort: intOf(f.SORT) ?? 500 }).id };
}

/** crm.category.{list,add} and crm.dealcategory.{list,add}. */
export const crmCategoryMethods: MethodDefinition[] = [
  { name: "crm.category.list", scope: "crm", cost: COST.dictionary, handler: categoryList },
  { name: "crm.category.add", scope: "crm", cost: COST.add, handler: categoryAdd },
  { name: "crm.dealcategory.list", scope: "crm", cost: listCost, handler: dealCategoryList },
  { name: "crm.dealcategory.add", scope: "crm", cost: COST.add, handler: dealCategoryAdd },
];
