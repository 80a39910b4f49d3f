/**
 * `disk.file.get` (docs: disk/file/disk-file-get.md) and the download behind
 * its `DOWNLOAD_URL` (`<baseUrl>/rest/download.json?token=disk|…`), which the
 * HTTP layer serves through `downloadFile`.
 */
import { formatDateTime } from "../data/dates.js";
import { downloadUrl, readFileByToken } from "../data/files.js";
import type { Portal } from "../portal.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { param, positiveIntOf } from "./params.js";

/**
 * The file a download token points at, or null (bad token, other portal,
 * deleted file). The HTTP layer answers `GET /rest/download.json?token=…`
 * with these bytes (`Content-Disposition: attachment; filename=…`), 404 on null.
 */
export function downloadFile(
  portal: Portal,
  token: string,
): { name: string; bytes: Uint8Array } | null {
  return readFileByToken(portal.data, token);
}

function get(call: MethodCall): MethodResult {
  const id = positiveIntOf(param(call.params, "id"));
  if (id === undefined)
    throw new RestError("ERROR_ARGUMENT", "Invalid value of parameter {Parameter #0}");
  const { data, timeZone } = call.portal;
  const file = data.files.get(id);
  if (!file) throw new RestError("ERROR_NOT_FOUND", `Could not find entity with id '${id}'`);
  const at = (v: unknown): string => formatDateTime(Number(v), timeZone);
  return {
    result: {
      ID: String(file.id),
      NAME: file.f.NAME,
      CODE: null,
      STORAGE_ID: String(file.f.STORAGE_ID),
      TYPE: "file",
      PARENT_ID: String(file.f.PARENT_ID),
      DELETED_TYPE: "0",
      GLOBAL_CONTENT_VERSION: "1",
      FILE_ID: String(file.f.FILE_ID),
      SIZE: String(file.f.SIZE),
      CREATE_TIME: at(file.f.CREATE_TIME),
      UPDATE_TIME: at(file.f.UPDATE_TIME),
      DELETE_TIME: null,
      CREATED_BY: String(file.f.CREATED_BY),
      UPDATED_BY: String(file.f.UPDATED_BY),
      DELETED_BY: "0",
      DOWNLOAD_URL: downloadUrl(data, call.baseUrl, file.id),
      DETAIL_URL: `${call.baseUrl}/company/personal/user/${String(file.f.CREATED_BY)}/disk/file/${encodeURIComponent(String(file.f.NAME))}`,
    },
  };
}

/** disk.file.get (scope `disk`). */
export const diskMethods: MethodDefinition[] = [
  { name: "disk.file.get", scope: "disk", cost: COST.get, handler: get },
];
