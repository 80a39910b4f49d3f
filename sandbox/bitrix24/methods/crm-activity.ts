/**
 * `crm.activity.{list,get,add}` and `crm.activity.todo.add` (docs:
 * crm/timeline/activities/activity-base/crm-activity-{list,get,add}.md,
 * crm/timeline/activities/todo/crm-activity-todo-add.md). The special
 * `filter.BINDINGS` matches any binding; the default order is START_TIME.
 */
import { parseDateTime } from "../data/dates.js";
import { addFile, decodeUpload } from "../data/files.js";
import { parseFilter } from "../data/filter.js";
import { addActivity } from "../data/history.js";
import { parseOrder, runList } from "../data/list-query.js";
import { KIND_BY_ENTITY_TYPE_ID, OWNER_TYPE_NAME, type ActivityRow } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import {
  ACTIVITY_DEFAULT_FIELDS,
  ACTIVITY_KINDS,
  activitySource,
  renderActivity,
} from "./crm-activity-render.js";
import { COST, listCost } from "./costs.js";
import {
  dictParam,
  flagOf,
  intOf,
  isDict,
  legacyId,
  listOf,
  param,
  positiveIntOf,
  stringOf,
} from "./params.js";

function bindingsPredicate(raw: unknown): ((a: ActivityRow) => boolean) | undefined {
  const wanted = listOf(raw)
    .filter(isDict)
    .map((b) => ({ type: positiveIntOf(b.OWNER_TYPE_ID), id: positiveIntOf(b.OWNER_ID) }));
  if (wanted.length === 0) return undefined;
  return (a) =>
    a.bindings.some((b) =>
      wanted.some(
        (w) =>
          (w.type === undefined || w.type === b.ownerTypeId) &&
          (w.id === undefined || w.id === b.ownerId),
      ),
    );
}

function list(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const filterRaw = param(call.params, "filter");
  const filter = isDict(filterRaw) ? filterRaw : {};
  const order = parseOrder(param(call.params, "order"), (f) => f in ACTIVITY_KINDS);
  const page = runList({
    source: activitySource(data),
    filter: parseFilter(filter),
    order: order.length > 0 ? order : [{ field: "START_TIME", desc: false }],
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
    skip: new Set(["BINDINGS"]),
    extra: bindingsPredicate(filter.BINDINGS),
  });
  const selected = listOf(param(call.params, "select")).filter(
    (v): v is string => typeof v === "string",
  );
  const fields =
    selected.length === 0 || selected.includes("*")
      ? [...ACTIVITY_DEFAULT_FIELDS, ...selected.filter((s) => s !== "*")]
      : ["ID", ...selected.map((s) => s.toUpperCase())];
  const ctx = { data, timeZone, baseUrl: call.baseUrl };
  const result: MethodResult = {
    result: page.rows.map((a) => renderActivity(ctx, a, fields)),
    total: page.total,
  };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function get(call: MethodCall): MethodResult {
  const id = legacyId(call.params);
  const { data, timeZone } = call.portal;
  const row = data.activities.get(id);
  if (!row) throw new RestError("", "Activity is not found");
  const fields = [...ACTIVITY_DEFAULT_FIELDS, "COMMUNICATIONS", "FILES"];
  return { result: renderActivity({ data, timeZone, baseUrl: call.baseUrl }, row, fields) };
}

function fail(message: string): never {
  throw new RestError("", message);
}

function add(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const f = dictParam(call.params, "fields", true);
  const typeId = positiveIntOf(f.TYPE_ID);
  if (typeId === undefined || ![1, 2, 4, 5, 6].includes(typeId))
    fail("The field TYPE_ID is not defined or invalid.");
  const subject = stringOf(f.SUBJECT) ?? "";
  if (subject.trim() === "") fail("The field SUBJECT is not defined or empty.");
  const responsibleId = positiveIntOf(f.RESPONSIBLE_ID);
  if (responsibleId === undefined || !data.users.get(responsibleId))
    fail("The field RESPONSIBLE_ID is not defined or invalid.");
  const comms = listOf(f.COMMUNICATIONS).filter(isDict);
  if (comms.length === 0 || comms.some((c) => (stringOf(c.VALUE) ?? "") === "")) {
    fail("The field COMMUNICATIONS is not defined or invalid.");
  }
  if (typeId === 2 && comms.length > 1)
    fail("The only one communication is allowed for activity of specified type.");
  let ownerTypeId = positiveIntOf(f.OWNER_TYPE_ID);
  let ownerId = positiveIntOf(f.OWNER_ID);
  if (ownerTypeId === undefined || ownerId === undefined) {
    ownerTypeId = positiveIntOf(comms[0]?.ENTITY_TYPE_ID);
    ownerId = positiveIntOf(comms[0]?.ENTITY_ID);
  }
  const kind = ownerTypeId === undefined ? undefined : KIND_BY_ENTITY_TYPE_ID[ownerTypeId];
  if (!kind || ownerId === undefined || ownerTypeId === undefined) {
    fail(
      "Could not build binding. Please ensure that owner info and communications are defined correctly.",
    );
  }
  if (!data.crm[kind].get(ownerId))
    fail(`Could not find '${OWNER_TYPE_NAME[kind]}' with ID: ${ownerId}`);
  const time = (name: string): number | undefined => {
    if (f[name] === undefined || f[name] === "") return undefined;
    return parseDateTime(f[name], timeZone) ?? fail(`The field ${name} is not defined or invalid.`);
  };
  const start = time("START_TIME");
  const files = listOf(f.FILES).flatMap((v) => {
    const upload = decodeUpload(v);
    return upload ? [addFile(data, { ...upload, createdBy: call.caller.userId }).id] : [];
  });
  const row = addActivity(data, {
    ownerTypeId,
    ownerId,
    typeId,
    subject,
    responsibleId,
    authorId: call.caller.userId,
    startTime: start,
    endTime: time("END_TIME") ?? start,
    completed: flagOf(f.COMPLETED),
    direction: intOf(f.DIRECTION) ?? 0,
    priority: intOf(f.PRIORITY) ?? 2,
    description: stringOf(f.DESCRIPTION) ?? "",
    descriptionType: intOf(f.DESCRIPTION_TYPE) ?? 1,
    providerId: stringOf(f.PROVIDER_ID),
    providerTypeId: stringOf(f.PROVIDER_TYPE_ID),
    originatorId: stringOf(f.ORIGINATOR_ID) ?? null,
    originId: stringOf(f.ORIGIN_ID) ?? null,
    communications: comms.map((c) => ({
      type: stringOf(c.TYPE) ?? (typeId === 4 ? "EMAIL" : "PHONE"),
      value: stringOf(c.VALUE) ?? "",
      entityId: positiveIntOf(c.ENTITY_ID) ?? ownerId,
      entityTypeId: positiveIntOf(c.ENTITY_TYPE_ID) ?? ownerTypeId,
    })),
    files,
  });
  return { result: row.id };
}

function todoAdd(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  for (const name of ["ownerTypeId", "ownerId", "deadline"]) {
    const v = param(call.params, name);
    if (v === undefined || v === null || v === "")
      throw new RestError("100", `Could not find value for parameter {${name}}`);
  }
  const ownerTypeId = positiveIntOf(param(call.params, "ownerTypeId"));
  const ownerId = positiveIntOf(param(call.params, "ownerId"));
  const kind = ownerTypeId === undefined ? undefined : KIND_BY_ENTITY_TYPE_ID[ownerTypeId];
  if (!kind || ownerId === undefined || ownerTypeId === undefined || !data.crm[kind].get(ownerId)) {
    throw new RestError("OWNER_NOT_FOUND", "Owner of the entity not found");
  }
  const deadline = parseDateTime(param(call.params, "deadline"), timeZone);
  if (deadline === null) throw new RestError("WRONG_DATETIME_FORMAT", "Wrong datetime format");
  const responsibleId = positiveIntOf(param(call.params, "responsibleId")) ?? call.caller.userId;
  if (!data.users.get(responsibleId))
    throw new RestError("100", "Invalid value of parameter {responsibleId}");
  const row = addActivity(data, {
    ownerTypeId,
    ownerId,
    typeId: 6,
    subject: stringOf(param(call.params, "title")) ?? "",
    description: stringOf(param(call.params, "description")) ?? "",
    responsibleId,
    authorId: call.caller.userId,
    startTime: deadline,
    endTime: deadline,
    deadline,
  });
  return { result: { id: row.id } };
}

/** crm.activity.{list,get,add} and crm.activity.todo.add. */
export const crmActivityMethods: MethodDefinition[] = [
  { name: "crm.activity.list", scope: "crm", cost: listCost, handler: list },
  { name: "crm.activity.get", scope: "crm", cost: COST.get, handler: get },
  { name: "crm.activity.add", scope: "crm", cost: COST.add, handler: add },
  { name: "crm.activity.todo.add", scope: "crm", cost: COST.add, handler: todoAdd },
];
