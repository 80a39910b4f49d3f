/**
 * Keeps credentials out of the conversation's replay log (DESIGN.md §6).
 *
 * A conversation stores every update it receives (libraries.md §2.4), so a
 * webhook URL pasted into the chat would sit in plain text in the store. This
 * middleware runs before the conversations: when the chat's dialog waits for a
 * secret (`expect`), or the text plainly is one (a system's `secretPattern`), it
 * deletes the message from the chat and replaces its text, in the update itself,
 * by a sealed token (AES-256-GCM, bound to the chat). The flow hands the token to
 * the connection service, which `open`s it for the live check only.
 */
import type { Context, MiddlewareFn } from "grammy";
import type { Logger } from "../core/logger.js";
import { sealedSecretSchema, type SecretBox } from "../core/security/secret-box.js";
import type { ConversationStorage } from "../core/store/index.js";

/** Prefix of a sealed text; anything else in a credential step is plain input. */
export const SEALED_PREFIX = "sealed-secret:v1:";
/** How long a chat's "waiting for a secret" mark lasts without an answer. */
const EXPECT_TTL_MS = 60 * 60_000;

export interface SecretIntake {
  middleware: MiddlewareFn<Context>;
  /** The chat's next text is a secret (called by a flow before it asks). */
  expect(chatId: number): Promise<void>;
  /** The chat no longer waits for a secret. */
  clear(chatId: number): Promise<void>;
  /** The plain text of a sealed token of this chat; null for anything else. */
  open(text: string, chatId: number): string | null;
}

export interface SecretIntakeDeps {
  box: SecretBox;
  /** Small per-chat marks; the conversations storage under its own key prefix. */
  storage: ConversationStorage;
  patterns: readonly RegExp[];
  logger: Pick<Logger, "warn">;
  now?: () => number;
}

const keyOf = (chatId: number) => `secret-intake:${chatId}`;
const contextOf = (chatId: number) => `chat:${chatId}`;

export function createSecretIntake(deps: SecretIntakeDeps): SecretIntake {
  const now = deps.now ?? Date.now;

  async function expecting(chatId: number): Promise<boolean> {
    const mark = await deps.storage.read(keyOf(chatId));
    const since =
      typeof mark === "object" && mark !== null ? (mark as { at?: unknown }).at : undefined;
    return typeof since === "number" && now() - since < EXPECT_TTL_MS;
  }

  const middleware: MiddlewareFn<Context> = async (ctx, next) => {
    const message = ctx.message;
    const chatId = ctx.chat?.id;
    const text = message?.text;
    if (
      message === undefined ||
      chatId === undefined ||
      text === undefined ||
      text.startsWith("/")
    ) {
      return next();
    }
    const secret = deps.patterns.some((p) => p.test(text)) || (await expecting(chatId));
    if (!secret) return next();
    message.text =
      SEALED_PREFIX +
      Buffer.from(JSON.stringify(deps.box.seal(text, contextOf(chatId)))).toString("base64url");
    delete message.entities;
    try {
      await ctx.deleteMessage();
    } catch (error) {
      // In a private chat the bot may always delete; elsewhere it may lack the right.
      deps.logger.warn({ err: error, chatId }, "could not delete a message holding a secret");
    }
    await next();
  };

  return {
    middleware,
    expect: (chatId) => deps.storage.write(keyOf(chatId), { at: now() }),
    clear: (chatId) => deps.storage.delete(keyOf(chatId)),
    open(text, chatId) {
      if (!text.startsWith(SEALED_PREFIX)) return null;
      try {
        const json: unknown = JSON.parse(
          Buffer.from(text.slice(SEALED_PREFIX.length), "base64url").toString("utf8"),
        );
        const sealed = sealedSecretSchema.safeParse(json);
        return sealed.success ? deps.box.open(sealed.data, contextOf(chatId)) : null;
      } catch {
        return null;
      }
    },
  };
}
