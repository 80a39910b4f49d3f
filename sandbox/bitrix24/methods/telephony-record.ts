/**
 * `telephony.externalCall.attachRecord` (docs: telephony/telephony-external-call-attach-record.md):
 * after `finish`, FILENAME + FILE_CONTENT (base64 wav/mp3) stores the record
 * on Drive and returns `{FILE_ID}`; FILENAME alone returns
 * `{uploadUrl, fieldName: "file"}` for a separate upload, which the HTTP layer
 * serves through `uploadCallRecord`; RECORD_URL is kept as CALL_RECORD_URL
 * (the emulator does not fetch it). A second call replaces the record.
 */
import { addFile, openToken, signedToken } from "../data/files.js";
import type { PortalData } from "../data/portal-data.js";
import type { Row } from "../data/types.js";
import type { Portal } from "../portal.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { param, stringOf } from "./params.js";

const core = (text: string): RestError => new RestError("ERROR_CORE", text);

/** Stores a record file for a statistics row and links it to the call activity. */
function attach(data: PortalData, row: Row, name: string, bytes: Uint8Array): number {
  const file = addFile(data, { name, bytes, createdBy: Number(row.f.PORTAL_USER_ID ?? 1) });
  row.f.RECORD_FILE_ID = file.id;
  row.f.RECORD_DURATION = row.f.CALL_DURATION ?? 0;
  const activity = data.activities.get(Number(row.f.CRM_ACTIVITY_ID ?? 0));
  if (activity) activity.files = [file.id];
  return file.id;
}

function attachRecord(call: MethodCall): MethodResult {
  const { data } = call.portal;
  const callId = stringOf(param(call.params, "CALL_ID")) ?? "";
  const url = stringOf(param(call.params, "RECORD_URL"));
  const fileName = param(call.params, "FILENAME");
  if ((url === undefined || url === "") && fileName === undefined) {
    throw core(
      "Required parameters are not set. Request should contain either URL or FILENAME parameter",
    );
  }
  const row = data.calls.rows.find((r) => r.f.CALL_ID === callId);
  if (!row)
    throw core("Call is not found in the statistic table. It looks like it is not finished yet.");
  if (url !== undefined && url !== "" && fileName === undefined) {
    row.f.CALL_RECORD_URL = url;
    return { result: { FILE_ID: null } };
  }
  const name = stringOf(fileName) ?? "";
  if (name === "") throw core("File name is empty");
  if (!/\.(wav|mp3)$/i.test(name)) throw core("Wrong file extension. Only wav and mp3 are allowed");
  const content = param(call.params, "FILE_CONTENT");
  if (content === undefined) {
    const token = signedToken(
      data,
      `telephony|${row.id}|${Buffer.from(name).toString("base64url")}`,
    );
    return {
      result: {
        uploadUrl: `${call.baseUrl}/rest/upload.json?token=${encodeURIComponent(token)}`,
        fieldName: "file",
      },
    };
  }
  const text = stringOf(content) ?? "";
  if (text === "") throw core("File content is empty.");
  if (!/^[A-Za-z0-9+/]+={0,2}$/.test(text.replace(/\s/g, ""))) {
    throw core("File content is not properly encoded. Base64 encoding is expected.");
  }
  return {
    result: { FILE_ID: attach(data, row, name, new Uint8Array(Buffer.from(text, "base64"))) },
  };
}

/**
 * Completes an upload started by attachRecord with FILENAME only: the HTTP
 * layer calls it for `POST /rest/upload.json?token=…` with the `file` field's
 * bytes. Returns the new Drive file id, or null for a bad token.
 */
export function uploadCallRecord(
  portal: Portal,
  token: string,
  bytes: Uint8Array,
): { FILE_ID: number } | null {
  const payload = openToken(portal.data, token);
  const [kind, rowId, name64] = payload?.split("|") ?? [];
  if (kind !== "telephony" || rowId === undefined || name64 === undefined) return null;
  const row = portal.data.calls.get(Number(rowId));
  if (!row) return null;
  return { FILE_ID: attach(portal.data, row, Buffer.from(name64, "base64url").toString(), bytes) };
}

/** attachRecord (application context only, like register/finish). */
export const telephonyRecordMethods: MethodDefinition[] = [
  {
    name: "telephony.externalcall.attachrecord",
    scope: "telephony",
    webhookAllowed: false,
    cost: COST.telephony,
    handler: attachRecord,
  },
];
