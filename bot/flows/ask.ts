/**
 * Asking inside a conversation: send a question, wait for its answer, and give
 * every other input a clear reply without changing anything (DESIGN.md §6).
 *
 * - A press on a button of an older message (also after a restart) gets "this
 *   button is no longer active"; text where a button is expected gets "use the
 *   buttons". Both are consumed: the dialog stays where it was.
 * - Menu buttons, migration controls and /help are for the outside handlers:
 *   the conversation skips them (`skip({ next: true })`), so a running migration
 *   can be paused while a new one is being set up.
 * - Once answered, a question loses its buttons, so it cannot be pressed twice.
 */
import type { Message } from "grammy/types";
import type { Flow, FlowContext } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t, type Language, type Vars } from "../i18n.js";
import { fit, keyboardOf, type Button } from "../ui.js";

/** What every step of a flow gets. */
export interface FlowEnv {
  conversation: Flow;
  /** The context the conversation was entered with; replies go to its chat. */
  ctx: FlowContext;
  lang: Language;
  deps: BotDeps;
  chatId: number;
}

const OUTSIDE_CALLBACK = /^(m|mig|menu):/;
const OUTSIDE_COMMAND = /^\/(help|migrations|usage)(@\w+)?(\s|$)/;

/** Updates the outside handlers answer even while a dialog runs. */
export function isForOutside(ctx: FlowContext): boolean {
  const data = ctx.callbackQuery?.data;
  if (data !== undefined) return OUTSIDE_CALLBACK.test(data);
  const text = ctx.message?.text;
  return text !== undefined && OUTSIDE_COMMAND.test(text);
}

/** The next update meant for this dialog. */
export async function nextUpdate(env: FlowEnv): Promise<FlowContext> {
  const ctx = await env.conversation.wait();
  if (isForOutside(ctx)) await env.conversation.skip({ next: true });
  return ctx;
}

export function say(env: FlowEnv, key: string, vars?: Vars): Promise<Message.TextMessage> {
  return env.ctx.reply(fit(t(env.lang, key, vars)));
}

/** Answers input that is not what the current question expects. */
export async function refuse(
  env: FlowEnv,
  ctx: FlowContext,
  expected: "buttons" | "text" | "file_or_buttons",
): Promise<void> {
  if (ctx.callbackQuery !== undefined) {
    await ctx.answerCallbackQuery({ text: t(env.lang, "wizard.old_button"), show_alert: false });
    return;
  }
  await env.ctx.reply(t(env.lang, `wizard.expect_${expected}`));
}

/** The press of one of `rows` on `message`, with its data minus `prefix`; null for anything else. */
export function pressOn(ctx: FlowContext, message: Message, prefix: string): string | null {
  const data = ctx.callbackQuery?.data;
  if (data === undefined || !data.startsWith(prefix)) return null;
  if (ctx.callbackQuery?.message?.message_id !== message.message_id) return null;
  return data.slice(prefix.length);
}

/** Replaces the question's buttons by a line saying what was chosen. */
export async function settle(
  env: FlowEnv,
  message: Message.TextMessage,
  chosen: string,
): Promise<void> {
  await env.ctx.api.editMessageText(
    env.chatId,
    message.message_id,
    fit(`${message.text}\n\n→ ${chosen}`),
  );
}

/**
 * Sends `text` with buttons and waits for one of them (data starting with
 * `prefix`). Returns the value after the prefix and the context of the press.
 */
export async function choose(
  env: FlowEnv,
  text: string,
  rows: ReadonlyArray<readonly Button[]>,
  prefix: string,
): Promise<{ value: string; ctx: FlowContext; label: string }> {
  const message = await env.ctx.reply(fit(text), { reply_markup: keyboardOf(rows) });
  for (;;) {
    const ctx = await nextUpdate(env);
    const value = pressOn(ctx, message, prefix);
    if (value === null) {
      await refuse(env, ctx, "buttons");
      continue;
    }
    await ctx.answerCallbackQuery();
    const label = rows.flat().find((b) => b.data === prefix + value)?.text ?? value;
    await settle(env, message, label);
    return { value, ctx, label };
  }
}

/** Sends `text` and waits for a text message (a press on any button gets a hint). */
export async function askText(env: FlowEnv, text: string): Promise<string> {
  await env.ctx.reply(fit(text));
  for (;;) {
    const ctx = await nextUpdate(env);
    const answer = ctx.message?.text;
    if (answer !== undefined && !answer.startsWith("/")) return answer;
    await refuse(env, ctx, "text");
  }
}

/**
 * Sends `text` with buttons and waits for a text message or a press of one of them
 * (data starting with `prefix`). The buttons go once answered; a typed answer is
 * never echoed (it may be a secret).
 */
export async function askTextOrChoose(
  env: FlowEnv,
  text: string,
  rows: ReadonlyArray<readonly Button[]>,
  prefix: string,
): Promise<{ text: string } | { value: string }> {
  const message = await env.ctx.reply(fit(text), { reply_markup: keyboardOf(rows) });
  for (;;) {
    const ctx = await nextUpdate(env);
    const value = pressOn(ctx, message, prefix);
    if (value !== null) {
      await ctx.answerCallbackQuery();
      await settle(env, message, rows.flat().find((b) => b.data === prefix + value)?.text ?? value);
      return { value };
    }
    const answer = ctx.message?.text;
    if (answer !== undefined && !answer.startsWith("/")) {
      await env.ctx.api.editMessageReplyMarkup(env.chatId, message.message_id);
      return { text: answer };
    }
    await refuse(env, ctx, "text");
  }
}
