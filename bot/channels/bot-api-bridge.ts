/**
 * An in-process Bot API: the seam through which the console and WhatsApp
 * channels (and tests) run the very same grammY bot as Telegram (DESIGN.md §2).
 *
 * grammY lets us inject `client.fetch`; the bridge answers each Bot API call
 * the way Telegram would (`{ok, result}` or `{ok:false, error_code, description}`),
 * keeps message ids and keyboards per chat, and hands what the bot "sent" to a
 * `ChannelOutput` (the terminal, WhatsApp, or a test recorder). Inbound chat
 * events become Telegram `Update`s through the `make*Update` helpers.
 */
import type { InlineKeyboardMarkup, Message, Update, User, UserFromGetMe } from "grammy/types";
import { multipartPayload, parseMultipart } from "./multipart.js";

/** What the bot did in a chat, as the channel must render it. */
export type OutgoingEvent =
  | {
      kind: "message";
      chatId: number;
      messageId: number;
      text: string;
      keyboard: KeyboardButton[][];
    }
  | { kind: "edit"; chatId: number; messageId: number; text: string; keyboard: KeyboardButton[][] }
  | {
      kind: "document";
      chatId: number;
      messageId: number;
      filename: string;
      bytes: Uint8Array;
      caption: string;
    }
  | { kind: "delete"; chatId: number; messageId: number }
  | { kind: "callback_answer"; text: string | undefined };

export interface KeyboardButton {
  text: string;
  /** callback_data, or the URL of a link button. */
  data: string;
  url?: string;
}

export interface ChannelOutput {
  deliver(event: OutgoingEvent): void | Promise<void>;
}

/** Files users uploaded through the channel, served back by getFile/download. */
interface StoredFile {
  name: string;
  bytes: Uint8Array;
}

export const BRIDGE_BOT: User = {
  id: 1000001,
  is_bot: true,
  first_name: "Pereezd",
  username: "pereezd_bot",
};

/** `botInfo` for a Bot served by the bridge, so grammY never calls `getMe`. */
export const BRIDGE_BOT_INFO: UserFromGetMe = {
  id: BRIDGE_BOT.id,
  is_bot: true,
  first_name: BRIDGE_BOT.first_name,
  username: "pereezd_bot",
  can_join_groups: false,
  can_read_all_group_messages: false,
  supports_inline_queries: false,
  can_connect_to_business: false,
  has_main_web_app: false,
  has_topics_enabled: false,
  allows_users_to_create_topics: false,
  can_manage_bots: false,
  supports_join_request_queries: false,
};

function keyboardOf(markup: unknown): KeyboardButton[][] {
  const inline = (markup as InlineKeyboardMarkup | undefined)?.inline_keyboard;
  if (!Array.isArray(inline)) return [];
  return inline.map((row) =>
    row.map((button) =>
      "url" in button && typeof button.url === "string"
        ? { text: button.text, data: "", url: button.url }
        : {
            text: button.text,
            data: "callback_data" in button ? String(button.callback_data) : "",
          },
    ),
  );
}

async function readPayload(init: RequestInit | undefined): Promise<Record<string, unknown>> {
  const body = init?.body;
  if (body === undefined || body === null) return {};
  if (typeof body === "string") return JSON.parse(body) as Record<string, unknown>;
  // grammY sends files as a multipart Node stream.
  const chunks: Buffer[] = [];
  for await (const chunk of body as AsyncIterable<Uint8Array | string>)
    chunks.push(Buffer.from(chunk));
  const contentType = new Headers(init?.headers).get("content-type") ?? "";
  return multipartPayload(parseMultipart(Buffer.concat(chunks), contentType));
}

export class BotApiBridge {
  private nextMessageId = 1;
  private nextUpdateId = 1;
  private nextFileId = 1;
  private readonly files = new Map<string, StoredFile>();
  /** Texts and keyboards of messages the bot sent, for numbered replies. */
  private readonly sent = new Map<string, { text: string; keyboard: KeyboardButton[][] }>();

  constructor(private readonly output: ChannelOutput) {}

  /** The `client.fetch` to give grammY: `new Bot(token, { client: { fetch: bridge.fetch } })`. */
  readonly fetch = (async (
    input: string | URL | Request,
    init?: RequestInit,
  ): Promise<Response> => {
    const url = typeof input === "string" ? input : input instanceof URL ? input.href : input.url;
    const method = url.slice(url.lastIndexOf("/") + 1);
    const payload = await readPayload(init);
    try {
      const result = await this.call(method, payload);
      return Response.json({ ok: true, result });
    } catch (error) {
      const description = error instanceof Error ? error.message : String(error);
      return Response.json(
        { ok: false, error_code: 400, description: `Bad Request: ${description}` },
        { status: 400 },
      );
    }
  }) as typeof fetch;

  /** The keyboard of a message the bot sent, e.g. to turn "2" into a button press. */
  keyboardOf(chatId: number, messageId: number): KeyboardButton[][] {
    return this.sent.get(`${chatId}:${messageId}`)?.keyboard ?? [];
  }

  textOf(chatId: number, messageId: number): string | undefined {
    return this.sent.get(`${chatId}:${messageId}`)?.text;
  }

  private message(chatId: number, text: string, extra: Partial<Message> = {}): Message {
    return {
      message_id: this.nextMessageId++,
      date: Math.floor(Date.now() / 1000),
      chat: { id: chatId, type: "private", first_name: "User" },
      from: BRIDGE_BOT,
      text,
      ...extra,
    };
  }

  private async call(method: string, p: Record<string, unknown>): Promise<unknown> {
    const chatId = Number(p.chat_id);
    switch (method) {
      case "getMe":
        return BRIDGE_BOT;
      case "sendMessage": {
        const text = typeof p.text === "string" ? p.text : "";
        const keyboard = keyboardOf(p.reply_markup);
        const message = this.message(chatId, text);
        this.sent.set(`${chatId}:${message.message_id}`, { text, keyboard });
        await this.output.deliver({
          kind: "message",
          chatId,
          messageId: message.message_id,
          text,
          keyboard,
        });
        return message;
      }
      case "editMessageText": {
        const messageId = Number(p.message_id);
        const text = typeof p.text === "string" ? p.text : "";
        const previous = this.sent.get(`${chatId}:${messageId}`);
        if (previous === undefined) throw new Error("message to edit not found");
        const keyboard = keyboardOf(p.reply_markup);
        if (
          previous.text === text &&
          JSON.stringify(previous.keyboard) === JSON.stringify(keyboard)
        ) {
          throw new Error(
            "message is not modified: specified new message content and reply markup are exactly the same as a current content and reply markup of the message",
          );
        }
        this.sent.set(`${chatId}:${messageId}`, { text, keyboard });
        await this.output.deliver({ kind: "edit", chatId, messageId, text, keyboard });
        return this.message(chatId, text, { message_id: messageId });
      }
      case "editMessageReplyMarkup": {
        const messageId = Number(p.message_id);
        const previous = this.sent.get(`${chatId}:${messageId}`);
        if (previous === undefined) throw new Error("message to edit not found");
        const keyboard = keyboardOf(p.reply_markup);
        this.sent.set(`${chatId}:${messageId}`, { text: previous.text, keyboard });
        await this.output.deliver({
          kind: "edit",
          chatId,
          messageId,
          text: previous.text,
          keyboard,
        });
        return true;
      }
      case "sendDocument": {
        const document = p.document as { name?: string; bytes?: Uint8Array } | undefined;
        const bytes = document?.bytes ?? new Uint8Array();
        const filename = document?.name ?? "file";
        const caption = typeof p.caption === "string" ? p.caption : "";
        const message = this.message(chatId, caption);
        await this.output.deliver({
          kind: "document",
          chatId,
          messageId: message.message_id,
          filename,
          bytes,
          caption,
        });
        return message;
      }
      case "deleteMessage":
        this.sent.delete(`${chatId}:${String(p.message_id)}`);
        await this.output.deliver({ kind: "delete", chatId, messageId: Number(p.message_id) });
        return true;
      case "answerCallbackQuery":
        await this.output.deliver({
          kind: "callback_answer",
          text: typeof p.text === "string" ? p.text : undefined,
        });
        return true;
      case "getFile": {
        const fileId = String(p.file_id);
        const file = this.files.get(fileId);
        if (file === undefined)
          throw new Error("wrong file_id or the file is temporarily unavailable");
        return {
          file_id: fileId,
          file_unique_id: fileId,
          file_size: file.bytes.length,
          file_path: `documents/${fileId}`,
        };
      }
      case "sendChatAction":
      case "setMyCommands":
      case "deleteWebhook":
      case "setWebhook":
        return true;
      default:
        throw new Error(`method ${method} is not supported by this channel`);
    }
  }

  /** Bytes of a file uploaded through the channel, by its file_id. */
  fileBytes(fileId: string): Uint8Array | undefined {
    return this.files.get(fileId)?.bytes;
  }

  /** Bytes of an uploaded file by the `file_path` that `getFile` returned (the bot's file downloader). */
  readonly download = async (filePath: string): Promise<Uint8Array> => {
    const bytes = this.files.get(filePath.slice(filePath.lastIndexOf("/") + 1))?.bytes;
    if (bytes === undefined) throw new Error("file not found in this channel");
    return bytes;
  };

  textUpdate(from: User, chatId: number, text: string): Update {
    const entities = text.startsWith("/")
      ? [
          {
            type: "bot_command" as const,
            offset: 0,
            length: text.split(/\s/)[0]?.length ?? text.length,
          },
        ]
      : undefined;
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: from.first_name },
        from,
        text,
        ...(entities === undefined ? {} : { entities }),
      },
    };
  }

  callbackUpdate(from: User, chatId: number, messageId: number, data: string): Update {
    const text = this.textOf(chatId, messageId) ?? "";
    return {
      update_id: this.nextUpdateId++,
      callback_query: {
        id: String(this.nextUpdateId),
        from,
        chat_instance: String(chatId),
        data,
        message: {
          message_id: messageId,
          date: Math.floor(Date.now() / 1000),
          chat: { id: chatId, type: "private", first_name: from.first_name },
          from: BRIDGE_BOT,
          text,
        },
      },
    };
  }

  documentUpdate(from: User, chatId: number, filename: string, bytes: Uint8Array): Update {
    const fileId = `file-${this.nextFileId++}`;
    this.files.set(fileId, { name: filename, bytes });
    return {
      update_id: this.nextUpdateId++,
      message: {
        message_id: this.nextMessageId++,
        date: Math.floor(Date.now() / 1000),
        chat: { id: chatId, type: "private", first_name: from.first_name },
        from,
        document: {
          file_id: fileId,
          file_unique_id: fileId,
          file_name: filename,
          file_size: bytes.length,
        },
      },
    };
  }
}
