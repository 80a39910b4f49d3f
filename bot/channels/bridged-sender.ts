/**
 * The notifier's `ChatSender` for a bridged channel (console, WhatsApp): the
 * Telegram sender over an `Api` whose `fetch` is the channel's Bot API bridge,
 * so progress edits, reports and CSV files reach that chat exactly as they reach
 * Telegram. Chats of other channels are refused (the bot routes those elsewhere).
 */
import { Api } from "grammy";
import { invalidInput } from "../../core/errors.js";
import type { Channel, ChatRef } from "../../core/store/index.js";
import { createTelegramSender, type ChatSender } from "../notifier.js";
import type { BotApiBridge } from "./bot-api-bridge.js";

export function bridgedSender(
  bridge: BotApiBridge,
  channel: Channel,
  token = "1:bridge",
): ChatSender {
  const inner = createTelegramSender(new Api(token, { fetch: bridge.fetch }));
  const asBridged = (chat: ChatRef): ChatRef => {
    if (chat.channel !== channel) throw invalidInput(`not a ${channel} chat: ${chat.channel}`);
    return { ...chat, channel: "telegram" };
  };
  return {
    send: (chat, text, keyboard) => inner.send(asBridged(chat), text, keyboard),
    edit: (chat, messageId, text, keyboard) =>
      inner.edit(asBridged(chat), messageId, text, keyboard),
    sendDocument: (chat, filename, bytes, caption) =>
      inner.sendDocument(asBridged(chat), filename, bytes, caption),
  };
}
