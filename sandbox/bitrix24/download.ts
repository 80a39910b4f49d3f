/**
 * The two signed-link endpoints under `/rest/`: `download.json?token=disk|…` (the
 * `DOWNLOAD_URL`s that `disk.file.get` and CRM file fields hand out) and
 * `upload.json?token=telephony|…` (the `uploadUrl` of
 * `telephony.externalCall.attachRecord` called with FILENAME only). No auth
 * parameters: the signature is the authorization (`CRestServer::processTokenCheckCall`).
 * Tokens are minted and checked by the domain side (`methods/disk.ts`,
 * `methods/telephony-record.ts`); a bad, foreign or stale token answers 404.
 *
 * docs:settings/how-to-call-rest-api/general-principles.md: download links need
 * ordinary client headers; without a `User-Agent` the front server answers an nginx
 * 404. The sandbox reproduces that. These requests are not charged to the rate limit.
 */
import { RestError } from "./method-types.js";
import { downloadFile, uploadCallRecord } from "./methods/index.js";
import type { Portal } from "./portal.js";
import { renderBody, renderError } from "./response/envelope.js";

const NGINX_404 =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n" +
  "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

const badLink = () => renderError(new RestError("ERROR_NOT_FOUND", "File not found", 404));

/** `GET /rest/download.json?token=…`: the file's bytes as an attachment. */
export function handleDownload(portal: Portal, request: Request): Response {
  const userAgent = request.headers.get("user-agent") ?? "";
  if (userAgent.trim() === "") {
    return new Response(NGINX_404, { status: 404, headers: { "Content-Type": "text/html" } });
  }
  const file = downloadFile(portal, new URL(request.url).searchParams.get("token") ?? "");
  if (!file) return badLink();
  const asciiName = file.name.replace(/[^\x20-\x7e]/g, "_").replace(/"/g, "'");
  return new Response(file.bytes, {
    status: 200,
    headers: {
      "Content-Type": "application/octet-stream",
      "Content-Length": String(file.bytes.length),
      "Content-Disposition": `attachment; filename="${asciiName}"; filename*=utf-8''${encodeURIComponent(file.name)}`,
    },
  });
}

/** The uploaded bytes: the multipart `file` field, else the raw body. */
async function uploadedBytes(request: Request): Promise<Uint8Array> {
  const type = request.headers.get("content-type") ?? "";
  if (type.toLowerCase().startsWith("multipart/form-data")) {
    const field = (await request.formData()).get("file");
    return field instanceof Blob ? new Uint8Array(await field.arrayBuffer()) : new Uint8Array();
  }
  return new Uint8Array(await request.arrayBuffer());
}

/** `POST /rest/upload.json?token=…`: store a call record; answers `{result: {FILE_ID}}`. */
export async function handleUpload(portal: Portal, request: Request): Promise<Response> {
  const token = new URL(request.url).searchParams.get("token") ?? "";
  let bytes: Uint8Array;
  try {
    bytes = await uploadedBytes(request);
  } catch {
    bytes = new Uint8Array();
  }
  if (bytes.length === 0) {
    return renderError(new RestError("ERROR_CORE", "File content is empty."));
  }
  const stored = uploadCallRecord(portal, token, bytes);
  return stored ? renderBody({ result: stored }, 200, "json") : badLink();
}
