/**
 * `crm.timeline.comment.{list,add}` (docs: crm/timeline/comments/crm-timeline-comment-{list,add}.md).
 * `add` reads only lower-case `fields` (crm ≥ 23.100.0); CREATED is set by the
 * server, so comments cannot be back-dated. `list` needs ENTITY_ID and
 * ENTITY_TYPE in the filter; FILES is an id-keyed object (`{}` when empty).
 */
import { formatDateTime } from "../data/dates.js";
import { addFile, decodeUpload, downloadUrl } from "../data/files.js";
import { parseFilter } from "../data/filter.js";
import { addTimelineComment } from "../data/history.js";
import { parseOrder, runList, type ListSource } from "../data/list-query.js";
import type { PortalData } from "../data/portal-data.js";
import {
  ENTITY_TYPE_ID,
  KIND_BY_ENTITY_TYPE_ID,
  type CrmKind,
  type Row,
  type ValueKind,
} from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST, listCost } from "./costs.js";
import { expandSelect } from "../data/list-query.js";
import { isDict, listOf, param, positiveIntOf, stringOf } from "./params.js";

function kindOfName(name: unknown): CrmKind | undefined {
  const n = typeof name === "string" ? name.toLowerCase() : "";
  return n === "lead" || n === "deal" || n === "contact" || n === "company" ? n : undefined;
}

function renderFiles(
  data: PortalData,
  baseUrl: string,
  tz: string,
  ids: readonly number[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const id of ids) {
    const file = data.files.get(id);
    if (!file) continue;
    const url = downloadUrl(data, baseUrl, id);
    const author = data.users.get(Number(file.f.CREATED_BY));
    out[String(id)] = {
      id,
      date: formatDateTime(Number(file.f.CREATE_TIME), tz),
      type: "file",
      name: file.f.NAME,
      size: file.f.SIZE,
      authorId: Number(file.f.CREATED_BY),
      authorName: author ? `${String(author.f.NAME)} ${String(author.f.LAST_NAME)}` : "",
      urlShow: url,
      urlDownload: url,
    };
  }
  return out;
}

const KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  ENTITY_ID: "int",
  ENTITY_TYPE: "string",
  CREATED: "datetime",
  AUTHOR_ID: "int",
  COMMENT: "string",
};
const ALL = ["ID", "ENTITY_ID", "ENTITY_TYPE", "CREATED", "COMMENT", "AUTHOR_ID", "FILES"];

function list(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const filterRaw = param(call.params, "filter");
  const filter = isDict(filterRaw) ? filterRaw : {};
  if (positiveIntOf(filter.ENTITY_ID) === undefined || !kindOfName(filter.ENTITY_TYPE)) {
    throw new RestError("", "The filter must contain ENTITY_ID and ENTITY_TYPE.");
  }
  const source: ListSource<Row> = {
    rows: data.timelineComments.rows,
    idOf: (r) => r.id,
    valueOf: (r, field) =>
      field === "ID"
        ? r.id
        : field === "ENTITY_TYPE"
          ? KIND_BY_ENTITY_TYPE_ID[Number(r.f.ENTITY_TYPE_ID)]
          : r.f[field],
    kindOf: (field) => KINDS[field],
  };
  const page = runList({
    source,
    filter: parseFilter(filter),
    order: parseOrder(param(call.params, "order"), (f) =>
      ["ID", "CREATED", "AUTHOR_ID"].includes(f),
    ),
    start: call.start,
    paging: "page",
    idField: "ID",
    timeZone,
  });
  const fields = expandSelect(param(call.params, "select"), ALL, [], (f) => ALL.includes(f));
  const rows = page.rows.map((r) => {
    const full: Record<string, unknown> = {
      ID: String(r.id),
      ENTITY_ID: String(r.f.ENTITY_ID),
      ENTITY_TYPE: KIND_BY_ENTITY_TYPE_ID[Number(r.f.ENTITY_TYPE_ID)] ?? "",
      CREATED: formatDateTime(Number(r.f.CREATED), timeZone),
      COMMENT: r.f.COMMENT,
      AUTHOR_ID: String(r.f.AUTHOR_ID),
      FILES: renderFiles(
        data,
        call.baseUrl,
        timeZone,
        (r.f.FILES as readonly number[] | undefined) ?? [],
      ),
    };
    return Object.fromEntries(fields.map((k) => [k, full[k]]));
  });
  const result: MethodResult = { result: rows, total: page.total };
  if (page.next !== undefined) result.next = page.next;
  return result;
}

function add(call: MethodCall): MethodResult {
  const { data } = call.portal;
  const fields = call.params.fields;
  if (!isDict(fields)) throw new RestError("100", "Required fields are not provided");
  const entityId = positiveIntOf(fields.ENTITY_ID);
  if (entityId === undefined || fields.ENTITY_TYPE === undefined || fields.COMMENT === undefined) {
    throw new RestError("100", "Required fields are not provided");
  }
  const kind = kindOfName(fields.ENTITY_TYPE);
  if (!kind || !data.crm[kind].get(entityId)) throw new RestError("NOT_FOUND", "Not found.");
  const comment = stringOf(fields.COMMENT) ?? "";
  if (comment.trim() === "") throw new RestError("INVALID_ARG_VALUE", "Empty comment");
  const authorId = positiveIntOf(fields.AUTHOR_ID) ?? call.caller.userId;
  if (!data.users.get(authorId))
    throw new RestError("INVALID_ARG_VALUE", "Invalid value for AUTHOR_ID");
  const files = listOf(fields.FILES).flatMap((v) => {
    const upload = decodeUpload(v);
    return upload ? [addFile(data, { ...upload, createdBy: authorId }).id] : [];
  });
  const row = addTimelineComment(data, {
    entityTypeId: ENTITY_TYPE_ID[kind],
    entityId,
    comment,
    authorId,
    files,
  });
  return { result: row.id };
}

/** crm.timeline.comment.{list,add}. */
export const crmTimelineMethods: MethodDefinition[] = [
  { name: "crm.timeline.comment.list", scope: "crm", cost: listCost, handler: list },
  { name: "crm.timeline.comment.add", scope: "crm", cost: COST.add, handler: add },
];
