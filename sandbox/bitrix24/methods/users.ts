/**
 * `user.current`, `user.get`, `user.add`, `user.fields` (docs: api-reference/user/user-*.md).
 * user.get takes filters in FILTER (or as top-level keys), `sort` + `order`,
 * `start` (-1 supported); ACTIVE renders as a boolean, UF_DEPARTMENT as ints.
 */
import { formatDateTime } from "../data/dates.js";
import { addUser } from "../data/empty-portal.js";
import { parseFilter } from "../data/filter.js";
import { expandSelect, runList, type ListSource } from "../data/list-query.js";
import type { Row, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { flagOf, isDict, listOf, param, positiveIntOf, stringOf } from "./params.js";

/** `user.fields`: field → title (docs: user/user-fields.md). */
export const USER_FIELDS: Readonly<Record<string, string>> = {
  ID: "ID",
  XML_ID: "External code",
  ACTIVE: "Activity",
  NAME: "First Name",
  LAST_NAME: "Last Name",
  SECOND_NAME: "Middle Name",
  EMAIL: "E-Mail",
  LAST_LOGIN: "Last Authorization",
  DATE_REGISTER: "Registration Date",
  TIME_ZONE: "TIME_ZONE",
  IS_ONLINE: "IS_ONLINE",
  PERSONAL_GENDER: "Gender",
  PERSONAL_BIRTHDAY: "Date of Birth",
  PERSONAL_MOBILE: "Personal Mobile",
  WORK_PHONE: "Company Phone",
  WORK_POSITION: "Job Title",
  UF_EMPLOYMENT_DATE: "Hire Date",
  UF_DEPARTMENT: "Units",
  UF_PHONE_INNER: "Extension number",
  USER_TYPE: "USER_TYPE",
};

const KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  UF_DEPARTMENT: "int",
  LAST_LOGIN: "datetime",
  DATE_REGISTER: "datetime",
};

const DATES = new Set(["LAST_LOGIN", "DATE_REGISTER"]);

/** A user as user.get/user.current render it. */
export function renderUser(
  u: Row,
  tz: string,
  fields: readonly string[] = Object.keys(USER_FIELDS),
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    if (name === "ID") out.ID = String(u.id);
    else if (name === "ACTIVE") out.ACTIVE = u.f.ACTIVE !== "N";
    else if (name === "UF_DEPARTMENT")
      out.UF_DEPARTMENT = [...((u.f.UF_DEPARTMENT as readonly number[] | undefined) ?? [])];
    else if (DATES.has(name))
      out[name] = typeof u.f[name] === "number" ? formatDateTime(Number(u.f[name]), tz) : "";
    else if (name in USER_FIELDS) out[name] = u.f[name] ?? "";
  }
  return out;
}

const FILTERABLE = new Set([...Object.keys(USER_FIELDS), "NAME_SEARCH"]);
const bareKey = (key: string): string => key.replace(/^[!<>=%@]+/, "");

/** Filter keys: the FILTER object, else top-level keys naming user fields. ACTIVE true → "Y". */
function userFilter(call: MethodCall): Record<string, unknown> {
  const explicit = param(call.params, "filter");
  const raw: Record<string, unknown> = isDict(explicit)
    ? { ...explicit }
    : Object.fromEntries(Object.entries(call.params).filter(([k]) => FILTERABLE.has(bareKey(k))));
  for (const key of Object.keys(raw)) {
    if (bareKey(key) === "ACTIVE") raw[key] = flagOf(raw[key]) || raw[key] === "true" ? "Y" : "N";
  }
  return raw;
}

function get(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const filter = userFilter(call);
  const search = stringOf(filter.NAME_SEARCH)?.toLowerCase();
  const source: ListSource<Row> = {
    rows: data.users.rows,
    idOf: (u) => u.id,
    valueOf: (u, field) => (field === "ID" ? u.id : u.f[field]),
    kindOf: (field) =>
      field in USER_FIELDS || field === "USER_TYPE" ? (KINDS[field] ?? "string") : undefined,
  };
  const sortField = (stringOf(param(call.params, "sort")) ?? "ID").toUpperCase();
  const desc = (stringOf(param(call.params, "order")) ?? "ASC").toUpperCase() === "DESC";
  const page = runList({
    source,
    filter: parseFilter(filter),
    order: [{ field: sortField in USER_FIELDS ? sortField : "ID", desc }],
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
    skip: new Set(["NAME_SEARCH"]),
    extra: search
      ? (u) =>
          [u.f.NAME, u.f.LAST_NAME, u.f.EMAIL].some((v) =>
            String(v ?? "")
              .toLowerCase()
              .includes(search),
          )
      : undefined,
  });
  const fields = expandSelect(
    param(call.params, "select"),
    Object.keys(USER_FIELDS),
    [],
    (f) => f in USER_FIELDS,
  );
  const result: MethodResult = {
    result: page.rows.map((u) => renderUser(u, timeZone, fields)),
    total: page.total,
  };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function current(call: MethodCall): MethodResult {
  const user = call.portal.data.users.get(call.caller.userId);
  if (!user) throw new RestError("", "User not found");
  return { result: renderUser(user, call.portal.timeZone) };
}

const EMAIL_RE = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

function add(call: MethodCall): MethodResult {
  const { data } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw new RestError("ERROR_CORE", "access_denied");
  const email = stringOf(param(call.params, "EMAIL"))?.trim() ?? "";
  if (!EMAIL_RE.test(email)) throw new RestError("ERROR_ARGUMENT", "wrong_email");
  if (data.users.rows.some((u) => String(u.f.EMAIL).toLowerCase() === email.toLowerCase())) {
    throw new RestError("ERROR_ARGUMENT", "A user with this email already exists");
  }
  const extranet = flagOf(param(call.params, "EXTRANET"));
  if (extranet && listOf(param(call.params, "SONET_GROUP_ID")).length === 0) {
    throw new RestError("ERROR_GROUPID", "Group code not specified");
  }
  const departments = listOf(param(call.params, "UF_DEPARTMENT"))
    .map(positiveIntOf)
    .filter((id): id is number => id !== undefined && data.departments.get(id) !== undefined);
  if (!extranet && departments.length === 0)
    throw new RestError("ERROR_ARGUMENT", "no_extranet_field");
  const user = addUser(data, {
    name: stringOf(param(call.params, "NAME")) ?? "",
    lastName: stringOf(param(call.params, "LAST_NAME")) ?? "",
    secondName: stringOf(param(call.params, "SECOND_NAME")),
    email,
    departments,
    workPosition: stringOf(param(call.params, "WORK_POSITION")),
    personalMobile: stringOf(param(call.params, "PERSONAL_MOBILE")),
    lastLogin: null,
    xmlId: stringOf(param(call.params, "XML_ID")),
  });
  if (extranet) user.f.USER_TYPE = "extranet";
  return { result: user.id };
}

/** user.current, user.get, user.add, user.fields (scope `user`). */
export const userMethods: MethodDefinition[] = [
  { name: "user.current", scope: "user", cost: COST.get, handler: current },
  { name: "user.get", scope: "user", cost: listCost, handler: get },
  { name: "user.add", scope: "user", cost: COST.add, handler: add },
  {
    name: "user.fields",
    scope: "user",
    cost: COST.fields,
    handler: () => ({ result: { ...USER_FIELDS } }),
  },
];
