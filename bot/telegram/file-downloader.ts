/**
 * Downloads a file a user sent to the bot: `getFile` gives its `file_path`, the
 * bytes are at `<apiRoot>/file/bot<token>/<file_path>`
 * (https://core.telegram.org/bots/api#getfile). The URL carries the token, so
 * it is never logged; errors name no URL.
 */
import type { FileDownloader } from "../deps.js";

/** Files larger than this are refused before reading (mapping files are small). */
export const MAX_DOWNLOAD_BYTES = 5 * 1024 * 1024;

export function telegramFileDownloader(
  apiRoot: string,
  token: string,
  fetchFn: typeof fetch = fetch,
): FileDownloader {
  return async (filePath) => {
    const response = await fetchFn(`${apiRoot}/file/bot${token}/${filePath}`, {
      signal: AbortSignal.timeout(20_000),
    });
    if (!response.ok) throw new Error(`Telegram file download failed with HTTP ${response.status}`);
    const length = Number(response.headers.get("content-length") ?? "0");
    if (length > MAX_DOWNLOAD_BYTES) throw new Error("The file is too large");
    const bytes = new Uint8Array(await response.arrayBuffer());
    if (bytes.length > MAX_DOWNLOAD_BYTES) throw new Error("The file is too large");
    return bytes;
  };
}
