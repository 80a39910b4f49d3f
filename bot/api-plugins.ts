/**
 * Bot API transformers installed outside conversations (`bot.api.config.use`)
 * and, through the conversations' `plugins`, inside them too (transformers on
 * `bot.api` are not copied onto the conversations' own `Api`, libraries.md §2.6).
 *
 * - auto-retry waits out Telegram's 429 `retry_after` and 5xx, capped at
 *   `maxDelaySeconds` so one update never sleeps past a webhook's 10 s budget.
 * - "harmless refusals" become success: answering a callback query that is too
 *   old, deleting a message that is gone, an edit with identical content. They
 *   change nothing the user sees, and inside a conversation a thrown API error
 *   can leave the replay engine stuck (grammyjs/conversations#155).
 */
import { autoRetry } from "@grammyjs/auto-retry";
import type { Context, MiddlewareFn, Transformer } from "grammy";

const HARMLESS: ReadonlyArray<{ methods: readonly string[]; description: RegExp }> = [
  { methods: ["answerCallbackQuery"], description: /query is too old|query ID is invalid/i },
  {
    methods: ["deleteMessage"],
    description: /message to delete not found|message can't be deleted/i,
  },
  {
    methods: ["editMessageText", "editMessageReplyMarkup"],
    description: /message is not modified|message can't be edited|message to edit not found/i,
  },
];

/** Turns the refusals above into `{ ok: true, result: true }`. */
export const tolerateHarmless: Transformer = async (prev, method, payload, signal) => {
  const response = await prev(method, payload, signal);
  if (response.ok) return response;
  const harmless = HARMLESS.some(
    (h) => h.methods.includes(method) && h.description.test(response.description),
  );
  return harmless ? ({ ok: true, result: true } as unknown as typeof response) : response;
};

export interface RetryOptions {
  maxDelaySeconds: number;
}

/** The transformers in order of installation (the last installed runs first). */
export function apiTransformers(options: RetryOptions): Transformer[] {
  return [
    autoRetry({ maxDelaySeconds: options.maxDelaySeconds, maxRetryAttempts: 3 }),
    tolerateHarmless,
  ];
}

/** The same transformers for the `Api` objects conversations create, as a conversation plugin. */
export function conversationApiPlugin(options: RetryOptions): MiddlewareFn<Context> {
  return async (ctx, next) => {
    for (const transformer of apiTransformers(options)) ctx.api.config.use(transformer);
    await next();
  };
}
