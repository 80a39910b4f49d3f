/**
 * Dictionaries: `crm.status.list`, `crm.status.entity.types`, `crm.status.add`
 * (docs: crm/status/crm-status-list.md, -entity-types.md, -add.md). Stages of a
 * non-default deal pipeline get the `C<id>:` prefix automatically.
 */
import { addStatus, DICTIONARY_NAMES } from "../data/dictionaries.js";
import { parseFilter } from "../data/filter.js";
import { parseOrder, runList, type ListSource } from "../data/list-query.js";
import type { PortalData } from "../data/portal-data.js";
import type { Row, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { dictParam, intOf, param, stringOf } from "./params.js";

const SEMANTIC_NAMES = { S: "success", F: "failure" } as const;
const STAGED = (entityId: string): boolean =>
  entityId === "STATUS" || entityId.startsWith("DEAL_STAGE");

function renderStatus(s: Row): Record<string, unknown> {
  const entityId = String(s.f.ENTITY_ID);
  const out: Record<string, unknown> = {
    ID: String(s.id),
    ENTITY_ID: entityId,
    STATUS_ID: s.f.STATUS_ID,
    NAME: s.f.NAME,
    NAME_INIT: s.f.NAME_INIT ?? "",
    SORT: String(s.f.SORT),
    SYSTEM: s.f.SYSTEM,
    CATEGORY_ID:
      s.f.CATEGORY_ID === null || s.f.CATEGORY_ID === undefined ? null : String(s.f.CATEGORY_ID),
    COLOR: s.f.COLOR ?? null,
    SEMANTICS: s.f.SEMANTICS ?? null,
  };
  if (STAGED(entityId)) {
    const sem =
      s.f.SEMANTICS === "S" || s.f.SEMANTICS === "F" ? SEMANTIC_NAMES[s.f.SEMANTICS] : "process";
    out.EXTRA = { SEMANTICS: sem, COLOR: s.f.COLOR ?? null };
  }
  return out;
}

const KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  SORT: "int",
  CATEGORY_ID: "int",
  ENTITY_ID: "string",
  STATUS_ID: "string",
  NAME: "string",
  SYSTEM: "string",
  SEMANTICS: "string",
  COLOR: "string",
};

function list(call: MethodCall): MethodResult {
  const source: ListSource<Row> = {
    rows: call.portal.data.statuses.rows,
    idOf: (s) => s.id,
    valueOf: (s, field) => (field === "ID" ? s.id : s.f[field]),
    kindOf: (field) => KINDS[field],
  };
  const order = parseOrder(param(call.params, "order"), (f) => f in KINDS);
  const page = runList({
    source,
    filter: parseFilter(param(call.params, "filter")),
    order: order.length > 0 ? order : [{ field: "SORT", desc: false }],
    start: undefined,
    paging: "all",
    idField: "ID",
    timeZone: call.portal.timeZone,
  });
  return { result: page.rows.map(renderStatus), total: page.total };
}

function semanticInfo(data: PortalData, entityId: string): Record<string, unknown> {
  const rows = data.statusesOf(entityId);
  return {
    START_FIELD: rows[0]?.f.STATUS_ID ?? "",
    FINAL_SUCCESS_FIELD: rows.find((s) => s.f.SEMANTICS === "S")?.f.STATUS_ID ?? "",
    FINAL_UNSUCCESS_FIELD: rows.find((s) => s.f.SEMANTICS === "F")?.f.STATUS_ID ?? "",
    FINAL_SORT: 0,
  };
}

function entityTypes(call: MethodCall): MethodResult {
  const { data } = call.portal;
  const out: Record<string, unknown>[] = [];
  for (const [id, name] of Object.entries(DICTIONARY_NAMES)) {
    if (id === "DEAL_STAGE") continue;
    const entry: Record<string, unknown> = { ID: id, NAME: name };
    if (id === "STATUS")
      Object.assign(entry, { SEMANTIC_INFO: semanticInfo(data, id), ENTITY_TYPE_ID: 1 });
    out.push(entry);
  }
  for (const cat of data.categories.rows) {
    const id = data.dealStageEntity(cat.id);
    const entry: Record<string, unknown> = {
      ID: id,
      NAME: cat.id === 0 ? "General deal stages" : `${String(cat.f.NAME)} deal stages`,
    };
    if (cat.id !== 0) entry.PARENT_ID = "DEAL_STAGE";
    entry.SEMANTIC_INFO = semanticInfo(data, id);
    if (cat.id !== 0) entry.PREFIX = `C${cat.id}`;
    Object.assign(entry, {
      FIELD_ATTRIBUTE_SCOPE: cat.id === 0 ? "" : `category_${cat.id}`,
      ENTITY_TYPE_ID: 2,
      CATEGORY_ID: cat.id === 0 ? 0 : String(cat.id),
    });
    out.push(entry);
  }
  return { result: out };
}

function knownEntity(data: PortalData, entityId: string): boolean {
  if (entityId in DICTIONARY_NAMES) return true;
  const m = /^DEAL_STAGE_(\d+)$/.exec(entityId);
  return m !== null && data.categories.get(Number(m[1])) !== undefined;
}

function add(call: MethodCall): MethodResult {
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("", "Access denied.");
  const f = dictParam(call.params, "fields", true);
  const entityId = stringOf(f.ENTITY_ID) ?? "";
  let statusId = stringOf(f.STATUS_ID) ?? "";
  const missing = [
    entityId === "" ? "The field ENTITY_ID is required." : "",
    statusId === "" ? "The field STATUS_ID is required." : "",
  ];
  if (missing.some((m) => m !== ""))
    throw new RestError("", missing.filter((m) => m !== "").join("\n"));
  if (!knownEntity(data, entityId))
    throw new RestError("", "Specified entity type is not supported.");
  const name = stringOf(f.NAME) ?? "";
  if (name.trim() === "") throw new RestError("", "The field Title is required.");
  const category = /^DEAL_STAGE_(\d+)$/.exec(entityId)?.[1];
  if (category !== undefined && !statusId.startsWith(`C${category}:`))
    statusId = `C${category}:${statusId}`;
  const code = category !== undefined ? statusId.slice(`C${category}:`.length) : statusId;
  const limit = entityId === "STATUS" ? 21 : entityId === "DEAL_STAGE" ? 22 : 50;
  if (statusId.length > limit || (STAGED(entityId) && !/^[A-Za-z0-9_-]+$/.test(code))) {
    throw new RestError("", "Error on creating status.");
  }
  if (data.findStatus(entityId, statusId))
    throw new RestError("ERROR_CORE", "The specified status ID already exists.");
  const sort = intOf(f.SORT) ?? 10;
  const semantics = f.SEMANTICS === "S" || f.SEMANTICS === "F" ? f.SEMANTICS : null;
  const won = data.statusesOf(entityId).find((s) => s.f.SEMANTICS === "S");
  if (entityId.startsWith("DEAL_STAGE") && semantics === null && won && sort > Number(won.f.SORT)) {
    throw new RestError(
      "",
      "Cannot create more stages after the final stage because the final successful stage already exists. Try using sort order values less than that of the final stage.",
    );
  }
  const row = addStatus(data, {
    entityId,
    statusId,
    name,
    sort,
    categoryId: category === undefined ? null : Number(category),
    color: stringOf(f.COLOR) ?? null,
    semantics,
  });
  return { result: row.id };
}

/** crm.status.{list,entity.types,add}. */
export const crmStatusMethods: MethodDefinition[] = [
  { name: "crm.status.list", scope: "crm", cost: COST.dictionary, handler: list },
  { name: "crm.status.entity.types", scope: "crm", cost: COST.dictionary, handler: entityTypes },
  { name: "crm.status.add", scope: "crm", cost: COST.add, handler: add },
];
