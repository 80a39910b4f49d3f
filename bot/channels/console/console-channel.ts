/**
 * The terminal as a chat (the local demo): what the bot sends is printed,
 * inline keyboards become numbered choices, documents are written to files
 * whose paths are shown; what the user types becomes Telegram updates for
 * `bot.handleUpdate` through the Bot API bridge. Everything said is also kept
 * in a transcript, which scripted runs wait on and press buttons from.
 *
 * Input conventions: a number picks the button with that number from the
 * latest message that has buttons; `/file PATH` uploads a file (e.g. an
 * edited mapping); anything else is sent as text.
 */
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, join, resolve } from "node:path";
import type { Update, User } from "grammy/types";
import { BotApiBridge, type KeyboardButton, type OutgoingEvent } from "../bot-api-bridge.js";
import { ChatTranscript } from "../transcript.js";

export interface ConsoleChannelOptions {
  /** Where documents the bot sends are written. */
  outputDir: string;
  /** Where text goes (the terminal, or a buffer in tests). */
  write: (text: string) => void;
  /** The chat's user; `language_code` picks the language. */
  user: User;
}

export class ConsoleChannel {
  readonly bridge: BotApiBridge;
  readonly transcript = new ChatTranscript();
  readonly chatId: number;
  /** Buttons of the latest message that had any, numbered from 1. */
  private choices: KeyboardButton[] = [];
  private choicesMessageId = 0;
  /** Path of the last document written, for scripts (`${LAST_DOCUMENT}`). */
  lastDocument: string | null = null;

  constructor(private readonly options: ConsoleChannelOptions) {
    this.chatId = options.user.id;
    this.bridge = new BotApiBridge({
      deliver: async (event) => {
        await this.render(event);
        this.transcript.deliver(event);
      },
    });
  }

  private async render(event: OutgoingEvent): Promise<void> {
    const out = this.options.write;
    switch (event.kind) {
      case "message":
      case "edit": {
        const prefix = event.kind === "edit" ? "✎ " : "";
        out(`\n${prefix}${event.text}\n`);
        const buttons = event.keyboard.flat();
        if (buttons.length > 0) {
          this.choices = buttons;
          this.choicesMessageId = event.messageId;
          buttons.forEach((button, index) => {
            out(
              button.url ? `  ${button.text}: ${button.url}\n` : `  ${index + 1}) ${button.text}\n`,
            );
          });
        } else if (event.messageId === this.choicesMessageId) {
          this.choices = [];
        }
        return;
      }
      case "document": {
        await mkdir(this.options.outputDir, { recursive: true });
        const path = resolve(
          join(this.options.outputDir, `${event.messageId}-${basename(event.filename)}`),
        );
        await writeFile(path, event.bytes);
        this.lastDocument = path;
        out(`\n📎 ${event.caption ? `${event.caption}\n   ` : ""}${path}\n`);
        return;
      }
      case "delete":
        if (event.messageId === this.choicesMessageId) this.choices = [];
        return;
      case "callback_answer":
        if (event.text) out(`(${event.text})\n`);
        return;
    }
  }

  /** Turns one line the user typed into the update the bot should handle. */
  async updateFor(line: string): Promise<Update> {
    const text = line.trim();
    const number = /^\d+$/.test(text) ? Number(text) : NaN;
    const button = Number.isInteger(number) ? this.choices[number - 1] : undefined;
    if (button !== undefined && !button.url) {
      return this.bridge.callbackUpdate(
        this.options.user,
        this.chatId,
        this.choicesMessageId,
        button.data,
      );
    }
    const fileMatch = /^\/file\s+(.+)$/.exec(text);
    if (fileMatch?.[1] !== undefined) {
      const path = fileMatch[1].trim();
      const bytes = await readFile(path);
      return this.bridge.documentUpdate(this.options.user, this.chatId, basename(path), bytes);
    }
    return this.bridge.textUpdate(this.options.user, this.chatId, text);
  }

  /** The press of the newest button whose label contains `label`; null if there is none. */
  pressUpdate(label: string): Update | null {
    const found = this.transcript.findButton(label);
    return found === undefined
      ? null
      : this.bridge.callbackUpdate(
          this.options.user,
          this.chatId,
          found.messageId,
          found.button.data,
        );
  }
}
