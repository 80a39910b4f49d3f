/**
 * The bot process's HTTP side (hono): `/healthz`, `/readyz`, `/metrics` from
 * runtime/, and in webhook mode the Telegram webhook at `/telegram/<path>`,
 * checked with the secret token Telegram sends in `X-Telegram-Bot-Api-Secret-Token`
 * (https://core.telegram.org/bots/api#setwebhook).
 *
 * A request answers within 8 s even if its update is still being handled, so a
 * slow portal never makes Telegram send the update again; the per-chat queue
 * (sequentialize.ts) keeps the next update of that chat waiting until it is done.
 */
import { createHash } from "node:crypto";
import { webhookCallback, type Bot } from "grammy";
import type { Hono } from "hono";
import { createOpsApp, type OpsAppOptions } from "../../runtime/index.js";
import type { BotContext } from "../context.js";

/** A path segment Telegram posts to: derived from the token, so it is not guessable. */
export function webhookPath(token: string): string {
  return `/telegram/${createHash("sha256").update(token).digest("hex").slice(0, 32)}`;
}

export interface BotHttpOptions extends OpsAppOptions {
  webhook?: { bot: Bot<BotContext>; token: string; secretToken: string };
}

export function createBotHttpApp(options: BotHttpOptions): Hono {
  const app = createOpsApp(options);
  if (options.webhook) {
    const { bot, token, secretToken } = options.webhook;
    app.post(
      webhookPath(token),
      webhookCallback(bot, "hono", {
        secretToken,
        onTimeout: "return",
        timeoutMilliseconds: 8_000,
      }),
    );
  }
  return app;
}
