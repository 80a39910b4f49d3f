/**
 * Updates of one chat are handled one after another, in arrival order.
 *
 * Why: a dialog reads and writes its stored state around every update; two
 * updates of one chat handled at once (a double tap, or a webhook request that
 * ended at its deadline while its update was still being handled) would each
 * replay the old state and one answer would be lost. Different chats still run
 * in parallel. In-process: one bot process serves a token (Telegram delivers a
 * bot's updates to one webhook URL or one long-poll loop).
 */
import type { Context, MiddlewareFn } from "grammy";

export function sequentialize(): MiddlewareFn<Context> {
  const tails = new Map<string, Promise<void>>();
  return async (ctx, next) => {
    const key = ctx.chatId ?? ctx.from?.id;
    if (key === undefined) return next();
    const id = String(key);
    const previous = tails.get(id) ?? Promise.resolve();
    let release = () => {};
    const mine = new Promise<void>((resolve) => (release = resolve));
    const tail = previous.then(() => mine);
    tails.set(id, tail);
    await previous;
    try {
      await next();
    } finally {
      release();
      if (tails.get(id) === tail) tails.delete(id);
    }
  };
}
