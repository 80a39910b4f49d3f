/**
 * `crm.{lead,contact,company,deal}.userfield.{add,list}` (docs:
 * crm/deals/user-defined-fields/crm-deal-userfield-add.md, -list.md): add
 * returns the new field id; list returns every field of the entity with its
 * enumeration `LIST`, strings for scalars, default order SORT, ID.
 */
import { parseFilter } from "../data/filter.js";
import { parseOrder, runList, type ListSource } from "../data/list-query.js";
import { addUserField, UserFieldError, type NewUserField } from "../data/user-fields.js";
import { UF_ENTITY } from "../data/portal-data.js";
import type { CrmKind, UserFieldDef, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { dictParam, flagOf, intOf, isDict, listOf, param, stringOf } from "./params.js";

const yn = (b: boolean): string => (b ? "Y" : "N");

/** A label given as a string or a language map (`{en: "…", ru: "…"}`). */
export function labelOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (isDict(v)) return stringOf(v.en) ?? stringOf(Object.values(v)[0]);
  return undefined;
}

/** A user field the way `*.userfield.list` shows it. */
export function renderUserField(uf: UserFieldDef): Record<string, unknown> {
  const out: Record<string, unknown> = {
    ID: String(uf.id),
    ENTITY_ID: uf.entityId,
    FIELD_NAME: uf.fieldName,
    USER_TYPE_ID: uf.userTypeId,
    XML_ID: uf.xmlId,
    SORT: String(uf.sort),
    MULTIPLE: yn(uf.multiple),
    MANDATORY: yn(uf.mandatory),
    SHOW_FILTER: uf.showFilter,
    SHOW_IN_LIST: yn(uf.showInList),
    EDIT_IN_LIST: yn(uf.editInList),
    IS_SEARCHABLE: yn(uf.isSearchable),
    SETTINGS: uf.settings,
    EDIT_FORM_LABEL: uf.label,
    LIST_COLUMN_LABEL: uf.label,
    LIST_FILTER_LABEL: uf.label,
    ERROR_MESSAGE: null,
    HELP_MESSAGE: null,
  };
  if (uf.list) {
    out.LIST = uf.list.map((i) => ({
      ID: String(i.id),
      SORT: String(i.sort),
      VALUE: i.value,
      DEF: yn(i.def),
      XML_ID: i.xmlId,
    }));
  }
  return out;
}

function add(call: MethodCall, kind: CrmKind): MethodResult {
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("", "Access denied.");
  const f = dictParam(call.params, "fields", true);
  const input: NewUserField = {
    fieldName: stringOf(f.FIELD_NAME) ?? "",
    userTypeId: stringOf(f.USER_TYPE_ID) ?? "",
    label: labelOf(f.LABEL) ?? labelOf(f.EDIT_FORM_LABEL) ?? labelOf(f.LIST_COLUMN_LABEL),
    multiple: flagOf(f.MULTIPLE),
    mandatory: flagOf(f.MANDATORY),
    showFilter: flagOf(f.SHOW_FILTER),
    sort: intOf(f.SORT),
    xmlId: stringOf(f.XML_ID) ?? null,
    settings: isDict(f.SETTINGS) ? f.SETTINGS : {},
    list: listOf(f.LIST)
      .filter(isDict)
      .map((item) => ({
        value: stringOf(item.VALUE) ?? "",
        sort: intOf(item.SORT),
        def: flagOf(item.DEF),
        xmlId: stringOf(item.XML_ID),
      })),
  };
  try {
    return { result: addUserField(data, kind, input).id };
  } catch (error) {
    if (error instanceof UserFieldError) throw new RestError(error.code, error.message);
    throw error;
  }
}

const UF_KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  SORT: "int",
  FIELD_NAME: "string",
  USER_TYPE_ID: "string",
  XML_ID: "string",
  MULTIPLE: "string",
  MANDATORY: "string",
  SHOW_FILTER: "string",
  SHOW_IN_LIST: "string",
  EDIT_IN_LIST: "string",
  IS_SEARCHABLE: "string",
  ENTITY_ID: "string",
};

function list(call: MethodCall, kind: CrmKind): MethodResult {
  const rows = call.portal.data.userFields.rows.filter((u) => u.entityId === UF_ENTITY[kind]);
  const source: ListSource<UserFieldDef> = {
    rows,
    idOf: (u) => u.id,
    valueOf: (u, field) => renderUserField(u)[field],
    kindOf: (field) => UF_KINDS[field],
  };
  const order = parseOrder(param(call.params, "order"), (f) => f in UF_KINDS);
  const page = runList({
    source,
    filter: parseFilter(param(call.params, "filter")),
    order:
      order.length > 0
        ? order
        : [
            { field: "SORT", desc: false },
            { field: "ID", desc: false },
          ],
    start: undefined,
    paging: "all",
    idField: "ID",
    timeZone: call.portal.timeZone,
  });
  return { result: page.rows.map(renderUserField), total: page.total };
}

/** userfield.add/list of one CRM entity. */
export function userFieldMethods(kind: CrmKind): MethodDefinition[] {
  return [
    {
      name: `crm.${kind}.userfield.add`,
      scope: "crm",
      cost: COST.add,
      handler: (c) => add(c, kind),
    },
    {
      name: `crm.${kind}.userfield.list`,
      scope: "crm",
      cost: COST.dictionary,
      handler: (c) => list(c, kind),
    },
  ];
}
