/**
 * "Update access to <portal>": after a migration stopped because a portal refused
 * its credentials (an `auth` error naming the side, worker/processors/failure.ts),
 * the customer sends a new inbound webhook of that portal. Like in the setup
 * (steps/connect-step.ts) the message is sealed and deleted before the dialog sees
 * it (secret-intake.ts); the link is checked live — the same portal, every scope —
 * and sealed over the old one (core/service `replaceCredentials`). Then the
 * migration resumes the way the resume button does (worker/control.ts: queued
 * again, a worker continues from the checkpoint). A refusal says what is wrong and
 * asks again; "Cancel" or /cancel leave everything as it was.
 */
import type { Flow, FlowContext } from "../context.js";
import { isSameChat, langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { actionData } from "../features/action-data.js";
import { lastStep, RESUMABLE, type Side } from "../features/migration-view.js";
import { t } from "../i18n.js";
import type { RenewOutcome } from "../services/connections.js";
import { systemById } from "../systems/registry.js";
import { keyboardOf } from "../ui.js";
import { askTextOrChoose, say, type FlowEnv } from "./ask.js";
import { connectErrorText } from "./steps/connect-step.js";

/** Conversation id; entered with the migration id and the side (features/migration-actions.ts). */
export const UPDATE_ACCESS = "update-access";

const CANCEL = "w:access:";

/** The connection whose access is renewed; JSON-safe (the conversation stores it). */
interface Renewing {
  connectionId: string;
  portal: string;
  prompt: string;
}

/** What the migration did after the renewal. */
type Afterwards = { kind: "resumed" } | { kind: "ready" } | { kind: "gone" };

export function updateAccessFlow(deps: BotDeps) {
  return async function updateAccess(
    conversation: Flow,
    ctx: FlowContext,
    migrationId: string,
    side: Side,
  ): Promise<void> {
    if (ctx.chat === undefined) return;
    const lang = langOf(ctx, deps.settings.defaultLanguage);
    const env: FlowEnv = { conversation, ctx, lang, deps, chatId: ctx.chat.id };
    const chatId = ctx.chat.id;

    const renewing = await conversation.external(async (): Promise<Renewing | null> => {
      const m = await deps.stores.migrations.getById(migrationId);
      if (m === null || !isSameChat(m.chat, ctx, deps.channel)) return null;
      const id = side === "source" ? m.sourceConnectionId : m.targetConnectionId;
      const connection = await deps.stores.connections.getById(id);
      const system = connection && systemById(deps.systems, connection.system);
      if (!connection || system?.available !== true) return null;
      return {
        connectionId: connection.id,
        portal: connection.label,
        prompt: system.credentialPrompt,
      };
    });
    if (renewing === null) {
      await say(env, "actions.not_found");
      return;
    }
    const { portal } = renewing;
    const cancel = [[{ text: t(lang, "access.cancel"), data: `${CANCEL}cancel` }]];

    let question = [
      t(lang, "access.ask", { portal, side: t(lang, `notify.side.${side}`) }),
      t(lang, renewing.prompt),
    ].join("\n\n");
    for (;;) {
      await conversation.external(() => deps.intake.expect(chatId));
      const answer = await askTextOrChoose(env, question, cancel, CANCEL);
      if (!("text" in answer)) {
        await conversation.external(() => deps.intake.clear(chatId));
        await say(env, "access.cancelled", { portal });
        return;
      }
      await say(env, "connect.checking");
      const outcome = await conversation.external(async (): Promise<RenewOutcome> => {
        await deps.intake.clear(chatId);
        const secret = deps.intake.open(answer.text, chatId) ?? answer.text;
        return deps.connections.renew(renewing.connectionId, secret);
      });
      if (outcome.ok) break;
      await env.ctx.reply(connectErrorText(env, outcome.error));
      question = t(lang, "access.ask_again", { portal });
    }

    const afterwards = await conversation.external(async (): Promise<Afterwards> => {
      const m = await deps.stores.migrations.getById(migrationId);
      if (m === null) return { kind: "gone" };
      if (RESUMABLE.includes(m.status)) {
        await deps.control(m.id, "run", { step: lastStep(m) });
        deps.logger.info({ migrationId, side }, "access renewed; migration resumed");
        return { kind: "resumed" };
      }
      // Nothing to resume (e.g. a pilot stopped): the refusal no longer stands.
      if (m.lastError?.kind === "auth")
        await deps.stores.migrations.update(m.id, { lastError: null });
      deps.logger.info({ migrationId, side, status: m.status }, "access renewed");
      return { kind: "ready" };
    });
    if (afterwards.kind === "resumed") {
      await say(env, "access.resumed", { portal });
      return;
    }
    const open = [[{ text: t(lang, "access.open"), data: actionData("show", migrationId) }]];
    await env.ctx.reply(t(lang, "access.renewed", { portal }), {
      ...(afterwards.kind === "ready" ? { reply_markup: keyboardOf(open) } : {}),
    });
  };
}
