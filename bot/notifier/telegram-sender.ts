/**
 * `ChatSender` over grammY's `Api` (no `Bot` needed: the notifier only sends).
 *
 * Telegram's answers become our error kinds (types.ts): 429 → `rate_limited` with
 * `parameters.retry_after`; 400 "message is not modified" is success (the text is
 * already what we wanted; libraries.md §1.5); 400 "message to edit not found" →
 * `not_found`; 403 (bot blocked, chat gone) → `auth`. A network failure is
 * `transient`. https://core.telegram.org/bots/api#making-requests
 */
import { GrammyError, HttpError, InputFile, type Api } from "grammy";
import type { InlineKeyboardMarkup } from "grammy/types";
import {
  authError,
  invalidInput,
  notFound,
  rateLimited,
  transientError,
} from "../../core/errors.js";
import type { ChatRef } from "../../core/store/index.js";
import { CHAT_UNREACHABLE, MESSAGE_NOT_FOUND, type ChatSender, type Keyboard } from "./types.js";

const markup = (keyboard: Keyboard | undefined): InlineKeyboardMarkup | undefined =>
  keyboard === undefined
    ? undefined
    : {
        inline_keyboard: keyboard.map((row) =>
          row.map((b) => ({ text: b.text, callback_data: b.data })),
        ),
      };

/** Our error for a failed Bot API call (exported for tests). */
export function fromTelegramError(error: unknown): Error {
  if (error instanceof GrammyError) {
    const details = { method: error.method, code: error.error_code };
    if (error.error_code === 429) {
      const seconds = error.parameters.retry_after ?? 1;
      return rateLimited(`Telegram asked to wait ${seconds} s`, seconds * 1_000, { details });
    }
    if (error.error_code === 403)
      return authError(error.description, { code: CHAT_UNREACHABLE, details });
    if (/message to edit not found|message can't be edited/i.test(error.description)) {
      return notFound(error.description, { code: MESSAGE_NOT_FOUND, details });
    }
    if (error.error_code >= 500) return transientError(error.description, { details });
    return invalidInput(error.description, { code: "telegram_bad_request", details });
  }
  if (error instanceof HttpError)
    return transientError("Telegram could not be reached", { cause: error.error });
  return error instanceof Error ? error : new Error(String(error));
}

const isNotModified = (error: unknown) =>
  error instanceof GrammyError &&
  error.error_code === 400 &&
  /message is not modified/i.test(error.description);

async function telegram<T>(call: () => Promise<T>): Promise<T> {
  try {
    return await call();
  } catch (error) {
    throw fromTelegramError(error);
  }
}

/** A `ChatSender` for Telegram chats; other channels are refused (the bot routes them elsewhere). */
export function createTelegramSender(api: Api): ChatSender {
  const chatId = (chat: ChatRef) => {
    if (chat.channel !== "telegram") throw invalidInput(`not a Telegram chat: ${chat.channel}`);
    return chat.chatId;
  };
  return {
    async send(chat, text, keyboard) {
      const reply_markup = markup(keyboard);
      const message = await telegram(() =>
        api.sendMessage(chatId(chat), text, reply_markup ? { reply_markup } : {}),
      );
      return { messageId: message.message_id };
    },
    async edit(chat, messageId, text, keyboard) {
      const reply_markup = markup(keyboard);
      try {
        await api.editMessageText(
          chatId(chat),
          messageId,
          text,
          reply_markup ? { reply_markup } : {},
        );
      } catch (error) {
        if (isNotModified(error)) return;
        throw fromTelegramError(error);
      }
    },
    async sendDocument(chat, filename, bytes, caption) {
      await telegram(() =>
        api.sendDocument(chatId(chat), new InputFile(bytes, filename), caption ? { caption } : {}),
      );
    },
  };
}
