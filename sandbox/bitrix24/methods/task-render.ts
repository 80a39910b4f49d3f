/**
 * Tasks as `tasks.task.*` render them: input and select in UPPER_CASE, output
 * camelCase with string scalars (`"id":"3711"`, `"status":"2"`), dates
 * ISO-8601, `auditors`/`accomplices` as string arrays, creator/responsible as
 * small user objects (docs: tasks/tasks-task-add.md, tasks/tasks-task-list.md, tasks/fields.md).
 */
import { snakeToCamel } from "../data/camel-names.js";
import { formatDateTime } from "../data/dates.js";
import type { ListSource } from "../data/list-query.js";
import type { PortalData } from "../data/portal-data.js";
import type { Row, ValueKind } from "../data/types.js";

/** Stored task fields and how filters compare them. */
export const TASK_KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  PARENT_ID: "int",
  TITLE: "string",
  DESCRIPTION: "string",
  PRIORITY: "int",
  STATUS: "int",
  GROUP_ID: "int",
  CREATED_BY: "int",
  CREATED_DATE: "datetime",
  RESPONSIBLE_ID: "int",
  CHANGED_BY: "int",
  CHANGED_DATE: "datetime",
  CLOSED_BY: "int",
  CLOSED_DATE: "datetime",
  ACTIVITY_DATE: "datetime",
  DATE_START: "datetime",
  DEADLINE: "datetime",
  START_DATE_PLAN: "datetime",
  END_DATE_PLAN: "datetime",
  AUDITORS: "int",
  ACCOMPLICES: "int",
  UF_CRM_TASK: "string",
  XML_ID: "string",
  MARK: "string",
};

/** Filter names that differ from the stored ones (docs: tasks-task-list.md). */
export const TASK_FILTER_ALIASES: Readonly<Record<string, string>> = {
  REAL_STATUS: "STATUS",
  ACCOMPLICE: "ACCOMPLICES",
  AUDITOR: "AUDITORS",
};

const DATES = new Set(
  Object.entries(TASK_KINDS)
    .filter(([, k]) => k === "datetime")
    .map(([f]) => f),
);

/** Fields returned without `select` (user fields only when named). */
export const TASK_DEFAULT_FIELDS: readonly string[] = Object.keys(TASK_KINDS).filter(
  (f) => !f.startsWith("UF_"),
);

/** The tasks table for the list engine (REAL_STATUS, AUDITOR… aliases). */
export function taskSource(data: PortalData): ListSource<Row> {
  return {
    rows: data.tasks.rows,
    idOf: (t) => t.id,
    valueOf: (t, field) => {
      const name = TASK_FILTER_ALIASES[field] ?? field;
      return name === "ID" ? t.id : t.f[name];
    },
    kindOf: (field) => TASK_KINDS[TASK_FILTER_ALIASES[field] ?? field],
  };
}

function userInfo(data: PortalData, id: unknown): Record<string, string> | null {
  const user = data.users.get(Number(id));
  if (!user) return null;
  return {
    id: String(user.id),
    name: `${String(user.f.NAME ?? "")} ${String(user.f.LAST_NAME ?? "")}`.trim(),
    link: `/company/personal/user/${user.id}/`,
    icon: "/bitrix/images/tasks/default_avatar.png",
    workPosition: String(user.f.WORK_POSITION ?? ""),
  };
}

/** Renders a task; `fields` are UPPER_CASE names, `full` adds creator/responsible objects. */
export function renderTask(
  data: PortalData,
  task: Row,
  timeZone: string,
  fields: readonly string[],
  full: boolean,
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    const key = snakeToCamel(name);
    if (name === "ID") {
      out.id = String(task.id);
      continue;
    }
    const v = task.f[name];
    if (Array.isArray(v)) out[key] = v.map(String);
    else if (v === null || v === undefined)
      out[key] =
        name === "UF_CRM_TASK" || name === "AUDITORS" || name === "ACCOMPLICES" ? [] : null;
    else if (DATES.has(name)) out[key] = formatDateTime(Number(v), timeZone);
    else out[key] = String(v);
  }
  if (fields.includes("STATUS")) out.subStatus = out.status;
  if (full) {
    out.creator = userInfo(data, task.f.CREATED_BY);
    out.responsible = userInfo(data, task.f.RESPONSIBLE_ID);
  }
  return out;
}
