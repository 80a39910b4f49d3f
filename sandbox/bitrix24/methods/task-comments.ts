/**
 * `task.commentitem.getlist` and `task.commentitem.add` (docs:
 * tasks/comment-item/task-comment-item-{get-list,add}.md). Parameters are
 * POSITIONAL: `0`/`1`/`2` keys, or names that happen to be in the right order
 * (TASKID, ORDER, FILTER / TASKID, FIELDS) — like the server's array_values,
 * an extra parameter shifts them and fails with TASKS_ERROR_EXCEPTION_#256.
 * AUTHOR_ID and POST_DATE are settable, so history can be migrated.
 */
import { formatDateTime, parseDateTime } from "../data/dates.js";
import { downloadUrl } from "../data/files.js";
import { parseFilter } from "../data/filter.js";
import { addTaskComment } from "../data/history.js";
import { runList, type ListSource } from "../data/list-query.js";
import type { Row, ValueKind } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
  type Params,
} from "../method-types.js";
import { COST } from "./costs.js";
import { isDict, listOf, positiveIntOf, stringOf } from "./params.js";

/** Positional arguments: numeric keys first, else values in the order they were sent. */
export function positional(params: Params, count: number): unknown[] {
  const values = Object.values(params);
  return Array.from({ length: count }, (_, i) =>
    String(i) in params ? params[String(i)] : values[i],
  );
}

const wrongArgs = (text: string): RestError =>
  new RestError("ERROR_CORE", `TASKS_ERROR_EXCEPTION_#256; ${text}; 256/TE/WRONG_ARGUMENTS<br>`);

function taskIdOf(value: unknown, method: string): number {
  const id = positiveIntOf(value);
  if (id === undefined) {
    throw wrongArgs(
      `Param #0 (taskId) for method ctaskcommentitem::${method}() expected to be of type "integer", but given something else.`,
    );
  }
  return id;
}

const KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  AUTHOR_ID: "int",
  AUTHOR_NAME: "string",
  AUTHOR_EMAIL: "string",
  POST_DATE: "datetime",
};

function checkKeys(
  value: unknown,
  index: number,
  name: string,
  allowed: (key: string) => boolean,
): Record<string, unknown> {
  if (value === undefined || value === null || value === "") return {};
  if (!isDict(value))
    throw wrongArgs(
      `Param #${index} (${name}) for method ctaskcommentitem::getlist() expected to be of type "array", but given something else.`,
    );
  for (const key of Object.keys(value)) {
    if (!allowed(key))
      throw wrongArgs(
        `Param #${index} (${name}) for method ctaskcommentitem::getlist() must not contain key "${key}".`,
      );
  }
  return value;
}

function getList(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const [rawId, rawOrder, rawFilter] = positional(call.params, 3);
  const taskId = taskIdOf(rawId, "getlist");
  if (!data.tasks.get(taskId)) {
    throw new RestError(
      "ERROR_CORE",
      "TASKS_ERROR_EXCEPTION_#8; Action failed; 8/TE/ACTION_FAILED_TO_BE_PROCESSED<br>",
    );
  }
  const order = checkKeys(rawOrder, 1, "arOrder", (k) => k in KINDS);
  const filter = checkKeys(rawFilter, 2, "arFilter", (k) =>
    /^(!|<=|<|>=|>)?(ID|AUTHOR_ID|AUTHOR_NAME|POST_DATE)$/.test(k),
  );
  const author = (r: Row): Row | undefined => data.users.get(Number(r.f.AUTHOR_ID));
  const source: ListSource<Row> = {
    rows: data.taskComments.rows.filter((c) => c.f.TASK_ID === taskId),
    idOf: (c) => c.id,
    valueOf: (c, field) =>
      field === "ID"
        ? c.id
        : field === "AUTHOR_NAME"
          ? `${String(author(c)?.f.NAME ?? "")} ${String(author(c)?.f.LAST_NAME ?? "")}`.trim()
          : field === "AUTHOR_EMAIL"
            ? author(c)?.f.EMAIL
            : c.f[field],
    kindOf: (field) => KINDS[field],
  };
  const terms = Object.entries(order).map(([field, dir]) => ({
    field,
    desc: String(dir).toUpperCase() === "DESC",
  }));
  const page = runList({
    source,
    filter: parseFilter(filter),
    order: terms.length > 0 ? terms : [{ field: "ID", desc: true }],
    start: undefined,
    paging: "all",
    idField: "ID",
    timeZone,
  });
  const rows = page.rows.map((c) => {
    const files = (c.f.FILES as readonly number[] | undefined) ?? [];
    const attached: Record<string, unknown> = {};
    for (const id of files) {
      const file = data.files.get(id);
      if (!file) continue;
      const url = downloadUrl(data, call.baseUrl, id);
      attached[String(id)] = {
        ATTACHMENT_ID: String(id),
        NAME: file.f.NAME,
        SIZE: String(file.f.SIZE),
        FILE_ID: String(file.f.FILE_ID),
        DOWNLOAD_URL: url,
        VIEW_URL: url,
      };
    }
    return {
      POST_MESSAGE_HTML: null,
      ID: String(c.id),
      AUTHOR_ID: String(c.f.AUTHOR_ID),
      AUTHOR_NAME: source.valueOf(c, "AUTHOR_NAME"),
      AUTHOR_EMAIL: source.valueOf(c, "AUTHOR_EMAIL") ?? "",
      POST_DATE: formatDateTime(Number(c.f.POST_DATE), timeZone),
      POST_MESSAGE: c.f.POST_MESSAGE,
      ATTACHED_OBJECTS: attached,
    };
  });
  return { result: rows };
}

const ADD_KEYS = new Set([
  "POST_MESSAGE",
  "AUTHOR_ID",
  "POST_DATE",
  "UF_FORUM_MESSAGE_DOC",
  "AUTHOR_NAME",
  "AUTHOR_EMAIL",
  "USE_SMILES",
]);

function add(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const [rawId, rawFields] = positional(call.params, 2);
  const taskId = taskIdOf(rawId, "add");
  const fields = isDict(rawFields) ? rawFields : {};
  for (const key of Object.keys(fields)) {
    if (!ADD_KEYS.has(key)) {
      throw wrongArgs(
        `Param #1 (arFields) for method ctaskcommentitem::add() must not contain key "${key}".`,
      );
    }
  }
  const message = stringOf(fields.POST_MESSAGE) ?? "";
  if (message.trim() === "") throw new RestError("ERROR_CORE", "Comment text not specified.<br>");
  if (!data.tasks.get(taskId))
    throw new RestError("ERROR_CORE", "Insufficient permissions to add a comment.<br>");
  const authorId = positiveIntOf(fields.AUTHOR_ID) ?? call.caller.userId;
  if (!data.users.get(authorId))
    throw new RestError("ERROR_CORE", "Insufficient permissions to add a comment.<br>");
  const postDate =
    fields.POST_DATE === undefined
      ? undefined
      : (parseDateTime(fields.POST_DATE, timeZone) ?? undefined);
  const files = listOf(fields.UF_FORUM_MESSAGE_DOC).map((v) => {
    const id = positiveIntOf(typeof v === "string" ? v.replace(/^n/, "") : v);
    if (id === undefined || !data.files.get(id))
      throw new RestError("ERROR_CORE", "File not found<br>");
    return id;
  });
  return { result: addTaskComment(data, { taskId, authorId, message, postDate, files }).id };
}

/** task.commentitem.{getlist,add} (scope `task`). */
export const taskCommentMethods: MethodDefinition[] = [
  { name: "task.commentitem.getlist", scope: "task", cost: COST.listCounted, handler: getList },
  { name: "task.commentitem.add", scope: "task", cost: COST.add, handler: add },
];
