/**
 * The last handlers: whatever no feature or dialog took gets a clear answer. An
 * old button (after the dialog ended, or after a restart) says it is no longer
 * active; text or a file outside a dialog points to /start. Nothing changes.
 */
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t } from "../i18n.js";

export function fallback(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const lang = (ctx: BotContext) => langOf(ctx, deps.settings.defaultLanguage);
  composer.on("callback_query", (ctx) =>
    ctx.answerCallbackQuery({ text: t(lang(ctx), "fallback.old_button"), show_alert: true }),
  );
  composer.on("message:document", (ctx) => ctx.reply(t(lang(ctx), "fallback.file")));
  composer.on("message", (ctx) => ctx.reply(t(lang(ctx), "fallback.text")));
  return composer;
}
