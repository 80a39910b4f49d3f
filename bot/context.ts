/**
 * The context types of the bot and how a handler learns the chat's language.
 *
 * Outside middleware sees `BotContext` (with `ctx.conversation`); code inside a
 * conversation sees a plain `Context` (the plugin rebuilds it on every replay, so
 * it carries no outside plugins; conversations v2, libraries.md §2.5).
 */
import type { Conversation, ConversationFlavor } from "@grammyjs/conversations";
import type { Context } from "grammy";
import type { ChatRef, Channel } from "../core/store/index.js";
import { languageOf, type Language } from "./i18n.js";

export type BotContext = ConversationFlavor<Context>;
export type FlowContext = Context;
/** The conversation handle every flow receives. */
export type Flow = Conversation<BotContext, FlowContext>;

/** The chat's language: English for an English Telegram client, else the operator's default. */
export function langOf(ctx: Context, fallback: Language = "ru"): Language {
  return languageOf(ctx.from?.language_code, fallback);
}

/** Where this update came from, as the store names chats; null for updates without a chat. */
export function chatRefOf(ctx: Context, channel: Channel): ChatRef | null {
  const id = ctx.chat?.id;
  return id === undefined ? null : { channel, chatId: String(id) };
}

/** True when `chat` is the chat of this update: the ownership check of every migration button. */
export function isSameChat(chat: ChatRef, ctx: Context, channel: Channel): boolean {
  const own = chatRefOf(ctx, channel);
  return own !== null && own.channel === chat.channel && own.chatId === chat.chatId;
}
