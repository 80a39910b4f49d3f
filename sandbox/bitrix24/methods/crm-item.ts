/**
 * Universal CRM methods `crm.item.{list,get,add,update,delete,fields}` for
 * entityTypeId 1–4 (docs: api-reference/crm/universal/crm-item-*.md):
 * camelCase typed answers in `{items}`/`{item}`, `fm` only with `select: ["*"]`,
 * strict filters/orders (`INVALID_ARG_VALUE`), `start` as an exact offset.
 */
import { addCrmRecord, updateCrmRecord } from "../data/crm-write.js";
import { parseFilter } from "../data/filter.js";
import { FilterError, OrderError, parseOrder, runList } from "../data/list-query.js";
import type { CrmKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import {
  findItem,
  itemFieldsToUpper,
  itemKind,
  itemWriteError,
  originalUfNames,
  upperNameResolver,
} from "./crm-item-common.js";
import { itemFieldsInfo } from "./crm-fields-info.js";
import { renderItem, type ItemRenderOptions, type RenderContext } from "./crm-render.js";
import { itemSource } from "./crm-source.js";
import { dictParam, listOf, param } from "./params.js";

function ctxOf(call: MethodCall, kind: CrmKind): RenderContext {
  return { data: call.portal.data, kind, timeZone: call.portal.timeZone, baseUrl: call.baseUrl };
}

function fullItem(call: MethodCall): ItemRenderOptions {
  return { originalUfNames: originalUfNames(call) };
}

function list(call: MethodCall): MethodResult {
  const kind = itemKind(call);
  const { data, timeZone } = call.portal;
  const source = itemSource(data, kind, upperNameResolver(data, kind));
  const names = listOf(param(call.params, "select")).filter(
    (v): v is string => typeof v === "string",
  );
  const select = names.length === 0 || names.includes("*") ? undefined : new Set(names);
  try {
    const page = runList({
      source,
      filter: parseFilter(param(call.params, "filter")),
      order: parseOrder(param(call.params, "order"), (f) => source.kindOf(f) !== undefined, true),
      start: call.start,
      paging: "offset",
      idField: "id",
      timeZone,
      strict: true,
    });
    const opts: ItemRenderOptions = { select, originalUfNames: originalUfNames(call) };
    const items = page.rows.map((r) => {
      const item = renderItem(ctxOf(call, kind), r, opts);
      if (select) item.id = r.id;
      return item;
    });
    const result: MethodResult = { result: { items }, total: page.total };
    if (page.next !== undefined) result.next = page.next;
    return result;
  } catch (error) {
    if (error instanceof FilterError || error instanceof OrderError) {
      throw new RestError("INVALID_ARG_VALUE", error.message);
    }
    throw error;
  }
}

function get(call: MethodCall): MethodResult {
  const kind = itemKind(call);
  const record = findItem(call, kind);
  return { result: { item: renderItem(ctxOf(call, kind), record, fullItem(call)) } };
}

function add(call: MethodCall): MethodResult {
  const kind = itemKind(call);
  const { upper, fm } = itemFieldsToUpper(call.portal.data, kind, dictParam(call.params, "fields"));
  try {
    const record = addCrmRecord({
      data: call.portal.data,
      kind,
      userId: call.caller.userId,
      timeZone: call.portal.timeZone,
      fields: upper,
      fm,
    });
    return { result: { item: renderItem(ctxOf(call, kind), record, fullItem(call)) } };
  } catch (error) {
    return itemWriteError(error);
  }
}

function update(call: MethodCall): MethodResult {
  const kind = itemKind(call);
  const record = findItem(call, kind);
  const { upper, fm } = itemFieldsToUpper(call.portal.data, kind, dictParam(call.params, "fields"));
  try {
    updateCrmRecord(
      {
        data: call.portal.data,
        kind,
        userId: call.caller.userId,
        timeZone: call.portal.timeZone,
        fields: upper,
        fm,
      },
      record,
    );
    return { result: { item: renderItem(ctxOf(call, kind), record, fullItem(call)) } };
  } catch (error) {
    return itemWriteError(error);
  }
}

function remove(call: MethodCall): MethodResult {
  const kind = itemKind(call);
  const record = findItem(call, kind);
  call.portal.data.deleteCrm(kind, record.id);
  return { result: [] };
}

/** crm.item.{list,get,add,update,delete,fields}. */
export const crmItemMethods: MethodDefinition[] = [
  { name: "crm.item.list", scope: "crm", cost: listCost, handler: list },
  { name: "crm.item.get", scope: "crm", cost: COST.get, handler: get },
  { name: "crm.item.add", scope: "crm", cost: COST.add, handler: add },
  { name: "crm.item.update", scope: "crm", cost: COST.update, handler: update },
  { name: "crm.item.delete", scope: "crm", cost: COST.delete, handler: remove },
  {
    name: "crm.item.fields",
    scope: "crm",
    cost: COST.fields,
    handler: (call) => ({
      result: itemFieldsInfo(call.portal.data, itemKind(call), originalUfNames(call)),
    }),
  },
];
