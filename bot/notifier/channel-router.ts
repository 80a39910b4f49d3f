/**
 * One `ChatSender` over several channels: each call goes to the sender of the
 * chat's channel (Telegram, WhatsApp bridge, console). A chat of a channel that is
 * not running here is unreachable (`auth` / `chat_unreachable`): its notification
 * is dropped with a log line instead of retried forever.
 */
import { authError } from "../../core/errors.js";
import type { Channel, ChatRef } from "../../core/store/index.js";
import { CHAT_UNREACHABLE, type ChatSender } from "./types.js";

export function routeByChannel(senders: Partial<Record<Channel, ChatSender>>): ChatSender {
  const of = (chat: ChatRef): ChatSender => {
    const sender = senders[chat.channel];
    if (sender === undefined) {
      throw authError(`No ${chat.channel} channel in this process`, { code: CHAT_UNREACHABLE });
    }
    return sender;
  };
  return {
    send: async (chat, text, keyboard) => of(chat).send(chat, text, keyboard),
    edit: async (chat, messageId, text, keyboard) => of(chat).edit(chat, messageId, text, keyboard),
    sendDocument: async (chat, filename, bytes, caption) =>
      of(chat).sendDocument(chat, filename, bytes, caption),
  };
}
