/**
 * `tasks.task.{add,get,list}` (docs: tasks/tasks-task-add.md, -get.md, -list.md).
 * Required TITLE and RESPONSIBLE_ID; errors are ERROR_CORE texts ending in
 * `<br>` as the server sends them; a task bound through UF_CRM_TASK gets a CRM
 * task activity. Default order of the list is ID descending.
 */
import { parseDateTime } from "../data/dates.js";
import { parseFilter } from "../data/filter.js";
import { addTask, parseCrmBinding } from "../data/history.js";
import { parseOrder, runList } from "../data/list-query.js";
import { KIND_BY_ENTITY_TYPE_ID, type StoredValue } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { isDict, listOf, param, positiveIntOf, stringOf } from "./params.js";
import { renderTask, TASK_DEFAULT_FIELDS, TASK_KINDS, taskSource } from "./task-render.js";

const coreError = (text: string): RestError => new RestError("ERROR_CORE", `${text}<br>`);

function selectedFields(raw: unknown): string[] {
  const names = listOf(raw)
    .filter((v): v is string => typeof v === "string")
    .map((s) => s.toUpperCase());
  if (names.length === 0 || names.includes("*"))
    return [...TASK_DEFAULT_FIELDS, ...names.filter((n) => n !== "*")];
  return ["ID", ...names.filter((n) => n in TASK_KINDS && n !== "ID")];
}

function add(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const f = param(call.params, "fields");
  if (!isDict(f) || Object.keys(f).length === 0) {
    throw new RestError("100", "Could not find value for parameter {fields} (internal error)");
  }
  const title = stringOf(f.TITLE) ?? "";
  if (title.trim() === "") throw coreError("Task title is not specified");
  if (f.RESPONSIBLE_ID === undefined || f.RESPONSIBLE_ID === "")
    throw coreError("Responsible person not specified");
  const responsible = positiveIntOf(f.RESPONSIBLE_ID);
  if (responsible === undefined || !data.activeUser(responsible)) {
    throw coreError('User specified in the "Responsible" field not found');
  }
  const status = f.STATUS === undefined ? 2 : positiveIntOf(f.STATUS);
  if (status === undefined || status > 7) throw coreError("Incorrect status");
  const parent = positiveIntOf(f.PARENT_ID);
  if (
    f.PARENT_ID !== undefined &&
    f.PARENT_ID !== "" &&
    f.PARENT_ID !== 0 &&
    (parent === undefined || !data.tasks.get(parent))
  ) {
    throw coreError('Task specified in the "Parent Task" field not found');
  }
  const values: Record<string, StoredValue> = {
    TITLE: title,
    DESCRIPTION: stringOf(f.DESCRIPTION) ?? "",
    RESPONSIBLE_ID: responsible,
    CREATED_BY: positiveIntOf(f.CREATED_BY) ?? call.caller.userId,
    STATUS: status,
    PRIORITY: positiveIntOf(f.PRIORITY) ?? 1,
    GROUP_ID: positiveIntOf(f.GROUP_ID) ?? 0,
    PARENT_ID: parent ?? null,
    AUDITORS: listOf(f.AUDITORS)
      .map(positiveIntOf)
      .filter((v): v is number => v !== undefined),
    ACCOMPLICES: listOf(f.ACCOMPLICES)
      .map(positiveIntOf)
      .filter((v): v is number => v !== undefined),
    UF_CRM_TASK: listOf(f.UF_CRM_TASK).filter((v): v is string => {
      const owner = typeof v === "string" ? parseCrmBinding(v) : null;
      const kind = owner ? KIND_BY_ENTITY_TYPE_ID[owner.ownerTypeId] : undefined;
      return (
        owner !== null && kind !== undefined && data.crm[kind].get(owner.ownerId) !== undefined
      );
    }),
  };
  for (const name of [
    "DEADLINE",
    "START_DATE_PLAN",
    "END_DATE_PLAN",
    "CREATED_DATE",
    "CLOSED_DATE",
  ]) {
    if (f[name] === undefined || f[name] === "" || f[name] === null) continue;
    const ms = parseDateTime(f[name], timeZone);
    if (ms === null) throw coreError(`Incorrect value of the field ${name}`);
    values[name] = ms;
  }
  const start = values.START_DATE_PLAN;
  const end = values.END_DATE_PLAN;
  if (typeof start === "number" && typeof end === "number" && end < start) {
    throw coreError("The end date in scheduling is earlier than the start date");
  }
  if (status === 5 && values.CLOSED_DATE === undefined) values.CLOSED_DATE = data.now();
  const task = addTask(data, values);
  return {
    result: {
      task: renderTask(data, task, timeZone, [...TASK_DEFAULT_FIELDS, "UF_CRM_TASK"], true),
    },
  };
}

function get(call: MethodCall): MethodResult {
  const raw = param(call.params, "taskId");
  if (raw === undefined || raw === null || raw === "") {
    throw new RestError(
      "100",
      "CTaskItem All parameters in the constructor must have real class type (internal error)",
    );
  }
  const id = positiveIntOf(raw);
  if (id === undefined) throw new RestError("0", "wrong task id");
  const { data, timeZone } = call.portal;
  const task = data.tasks.get(id);
  if (!task) throw new RestError("ERROR_CORE", "Task not found or not accessible");
  return {
    result: {
      task: renderTask(data, task, timeZone, selectedFields(param(call.params, "select")), true),
    },
  };
}

function list(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const source = taskSource(data);
  const filterRaw = param(call.params, "filter");
  const filter = isDict(filterRaw) ? { ...filterRaw } : {};
  for (const key of Object.keys(filter)) {
    // TITLE "can search by pattern [%_]": a plain TITLE with % is a LIKE pattern.
    if (key === "TITLE" && typeof filter.TITLE === "string" && /[%_]/.test(filter.TITLE)) {
      filter["=%TITLE"] = filter.TITLE;
      delete filter.TITLE;
    }
  }
  const order = parseOrder(
    param(call.params, "order"),
    (f) => source.kindOf(f.toUpperCase()) !== undefined,
  ).map((t) => ({ ...t, field: t.field.toUpperCase() }));
  const page = runList({
    source,
    filter: parseFilter(filter),
    order: order.length > 0 ? order : [{ field: "ID", desc: true }],
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
  });
  const fields = selectedFields(param(call.params, "select"));
  const tasks = page.rows.map((t) =>
    renderTask(data, t, timeZone, fields, fields.includes("RESPONSIBLE_ID")),
  );
  const result: MethodResult = { result: { tasks }, total: page.total };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

/** tasks.task.{add,get,list} (scope `task`). */
export const taskMethods: MethodDefinition[] = [
  { name: "tasks.task.add", scope: "task", cost: COST.add, handler: add },
  { name: "tasks.task.get", scope: "task", cost: COST.get, handler: get },
  { name: "tasks.task.list", scope: "task", cost: listCost, handler: list },
];
