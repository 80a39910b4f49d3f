/**
 * The channel-neutral way the notifier talks to a chat. The bot provides one per
 * channel: Telegram (`telegram-sender.ts`), and the WhatsApp/console bridges.
 *
 * Errors a sender throws are `PereezdError`s by kind: `rate_limited` (with
 * `retryAfterMs`: the notifier waits it out), `not_found` with code
 * `message_not_found` (an edit whose message is gone: the notifier sends a new one),
 * `auth` with code `chat_unreachable` (the user blocked the bot: dropped),
 * anything else is retried by the queue.
 */
import type { ChatRef } from "../../core/store/index.js";

/** One inline button; `data` is the callback data (1-64 bytes). */
export interface KeyboardButton {
  text: string;
  data: string;
}
/** Rows of buttons. */
export type Keyboard = KeyboardButton[][];

export interface SentMessage {
  messageId: number;
}

export interface ChatSender {
  send(chat: ChatRef, text: string, keyboard?: Keyboard): Promise<SentMessage>;
  /** Replaces a message's text (and keyboard; none given removes it). Unchanged text is not an error. */
  edit(chat: ChatRef, messageId: number, text: string, keyboard?: Keyboard): Promise<void>;
  sendDocument(chat: ChatRef, filename: string, bytes: Uint8Array, caption?: string): Promise<void>;
}

/** Error codes a sender uses (see the file comment). */
export const MESSAGE_NOT_FOUND = "message_not_found";
export const CHAT_UNREACHABLE = "chat_unreachable";

/** Time as the notifier sees it; a manual clock in tests. */
export interface NotifierClock {
  now(): number;
  sleep(ms: number): Promise<void>;
  /** Runs `fn` after `ms`; returns a cancel function. */
  setTimer(ms: number, fn: () => void): () => void;
}

export const realClock: NotifierClock = {
  now: () => Date.now(),
  sleep: (ms) => new Promise((resolve) => setTimeout(resolve, ms)),
  setTimer(ms, fn) {
    const timer = setTimeout(fn, ms);
    return () => clearTimeout(timer);
  },
};
