/**
 * The outermost middleware: any failure below becomes a short apology in the
 * chat and one log line, never a stuck chat or a webhook 500 that makes Telegram
 * send the update again and again (libraries.md §1.1: `bot.catch` only serves
 * polling). A conversation that throws is left by the plugin, so the next
 * /start begins afresh.
 */
import { GrammyError, HttpError, type Context, type MiddlewareFn } from "grammy";
import type { Logger } from "../../core/logger.js";
import { langOf } from "../context.js";
import { t, type Language } from "../i18n.js";

export function errorBoundary(
  logger: Logger,
  fallback: Language,
  onFailure: () => void = () => {},
): MiddlewareFn<Context> {
  return async (ctx, next) => {
    try {
      await next();
    } catch (error) {
      onFailure();
      const cause =
        error instanceof Error && "error" in error ? (error as { error: unknown }).error : error;
      logger.error(
        {
          err: cause,
          updateId: ctx.update.update_id,
          chatId: ctx.chat?.id,
          telegram:
            cause instanceof GrammyError
              ? { method: cause.method, code: cause.error_code }
              : undefined,
        },
        cause instanceof HttpError
          ? "Telegram unreachable while handling an update"
          : "update failed",
      );
      const text = t(langOf(ctx, fallback), "common.apology");
      try {
        if (ctx.callbackQuery !== undefined) await ctx.answerCallbackQuery();
        if (ctx.chat !== undefined) await ctx.reply(text);
      } catch (replyError) {
        logger.warn({ err: replyError, chatId: ctx.chat?.id }, "could not send the apology");
      }
    }
  };
}
