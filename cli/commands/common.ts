/** What several commands share: the operator's chat identity and the time zone. */
import { userInfo } from "node:os";
import { isTimeZone } from "../../core/mapping/index.js";
import type { ChatRef } from "../../core/store/index.js";
import { UsageError, type CliArgs } from "../args.js";
import type { CliRuntime } from "../runtime.js";

/** Migrations started from the CLI belong to the operator's console "chat". */
export const CLI_CHAT: ChatRef = { channel: "console", chatId: `cli:${safeUser()}` };

function safeUser(): string {
  try {
    return userInfo().username.slice(0, 64) || "operator";
  } catch {
    return "operator";
  }
}

/** `--time-zone`, else TIME_ZONE; refused when unknown. */
export function timeZoneOf(args: CliArgs, rt: CliRuntime): string {
  const zone = args.timeZone ?? rt.config.TIME_ZONE;
  if (!isTimeZone(zone))
    throw new UsageError(`--time-zone must be an IANA zone such as Europe/Moscow, got "${zone}"`);
  return zone;
}
