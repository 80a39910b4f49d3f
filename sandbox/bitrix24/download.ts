/**
 * `/rest/download.json?token=disk|…`: the signed file links that `disk.file.get`
 * (`DOWNLOAD_URL`) and friends hand out. No auth parameters: the signature is the
 * authorization (`CRestServer::processTokenCheckCall`; a bad signature is an
 * `AccessException`, "Link check failed").
 *
 * docs:settings/how-to-call-rest-api/general-principles.md: such links need ordinary
 * client headers; without a `User-Agent` the front server answers an nginx 404. The
 * sandbox reproduces that. Downloads are not charged to the rate limit.
 */
import { readFileByToken } from "./data/files.js";
import { RestError } from "./method-types.js";
import type { Portal } from "./portal.js";
import { renderError } from "./response/envelope.js";

const NGINX_404 =
  "<html>\r\n<head><title>404 Not Found</title></head>\r\n<body>\r\n" +
  "<center><h1>404 Not Found</h1></center>\r\n<hr><center>nginx</center>\r\n</body>\r\n</html>\r\n";

/** Serve one signed download link of `portal`. */
export function handleDownload(portal: Portal, request: Request): Response {
  const userAgent = request.headers.get("user-agent") ?? "";
  if (userAgent.trim() === "") {
    return new Response(NGINX_404, { status: 404, headers: { "Content-Type": "text/html" } });
  }
  const token = new URL(request.url).searchParams.get("token") ?? "";
  const file = readFileByToken(portal.data, token);
  if (!file) return renderError(new RestError("ACCESS_DENIED", "Link check failed", 403));
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
