/**
 * What the bot said in a bridged chat, kept in order: the tests' recorder and
 * the console demo's memory. It answers the questions a person looking at the
 * chat would: what was said since a point, which message has a button labelled
 * so-and-so, and "tell me when this text appears" (for scripted runs, where the
 * worker's notifications arrive at their own pace).
 */
import type { ChannelOutput, KeyboardButton, OutgoingEvent } from "./bot-api-bridge.js";

export interface FoundButton {
  messageId: number;
  button: KeyboardButton;
}

/** The text an event shows, if any. */
export function textOf(e: OutgoingEvent): string | undefined {
  switch (e.kind) {
    case "message":
    case "edit":
      return e.text;
    case "document":
      return `${e.caption} [${e.filename}]`;
    case "callback_answer":
      return e.text;
    default:
      return undefined;
  }
}

export class ChatTranscript implements ChannelOutput {
  readonly events: OutgoingEvent[] = [];
  private readonly keyboards = new Map<number, KeyboardButton[][]>();
  private readonly waiters = new Set<() => void>();

  deliver(event: OutgoingEvent): void {
    this.events.push(event);
    if (event.kind === "message" || event.kind === "edit")
      this.keyboards.set(event.messageId, event.keyboard);
    if (event.kind === "delete") this.keyboards.delete(event.messageId);
    for (const wake of [...this.waiters]) wake();
  }

  /** Every text the user saw (messages, edits, captions, button toasts), from event `since` on. */
  texts(since = 0): string[] {
    return this.events.slice(since).flatMap((e) => {
      const text = textOf(e);
      return text === undefined ? [] : [text];
    });
  }

  /** All the texts as one string, for `includes` checks. */
  text(since = 0): string {
    return this.texts(since).join("\n");
  }

  documents(): Array<Extract<OutgoingEvent, { kind: "document" }>> {
    return this.events.filter(
      (e): e is Extract<OutgoingEvent, { kind: "document" }> => e.kind === "document",
    );
  }

  /** The newest message with a button whose label contains `label` (case-insensitive). */
  findButton(label: string): FoundButton | undefined {
    const wanted = label.toLowerCase();
    const ids = [...this.keyboards.keys()].sort((a, b) => b - a);
    for (const messageId of ids) {
      const button = this.keyboards
        .get(messageId)
        ?.flat()
        .find((b) => !b.url && b.text.toLowerCase().includes(wanted));
      if (button !== undefined) return { messageId, button };
    }
    return undefined;
  }

  /** Resolves with the event index after the first text from `since` on that contains `needle`. */
  waitFor(needle: string, options: { since?: number; timeoutMs?: number } = {}): Promise<number> {
    const since = options.since ?? 0;
    const timeoutMs = options.timeoutMs ?? 60_000;
    return new Promise((resolve, reject) => {
      const check = (): boolean => {
        for (let i = since; i < this.events.length; i++) {
          const event = this.events[i];
          if (event !== undefined && textOf(event)?.includes(needle) === true) {
            finish();
            resolve(i + 1);
            return true;
          }
        }
        return false;
      };
      const timer = setTimeout(() => {
        finish();
        reject(new Error(`"${needle}" did not appear within ${timeoutMs} ms`));
      }, timeoutMs);
      const finish = () => {
        clearTimeout(timer);
        this.waiters.delete(wake);
      };
      const wake = () => void check();
      if (!check()) this.waiters.add(wake);
    });
  }
}
