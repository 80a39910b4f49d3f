/**
 * The new-migration dialog (DESIGN.md §1 steps 2-5): source and target with
 * their credentials, discovery, entity choice, mapping review, estimate. It is a
 * conversation persisted in the store, so it carries on after a restart of the
 * bot exactly where it was; every side effect runs in `conversation.external`
 * and returns small JSON (the larger state lives on the migration, see
 * services/planning-state.ts). It ends with the estimate; the pilot and the run
 * are buttons handled outside (features/migration-actions.ts).
 */
import type { EntityKind } from "../../core/model/canonical.js";
import type { Flow, FlowContext } from "../context.js";
import { chatRefOf, langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t } from "../i18n.js";
import { connectErrorOf, type ConnectErrorCode } from "../services/connect-errors.js";
import { ensureCustomer } from "../services/customers.js";
import type { Discovery } from "../services/planning.js";
import { choose, say, type FlowEnv } from "./ask.js";
import { chooseSystem, connectAccount, connectErrorText } from "./steps/connect-step.js";
import { chooseEntities, discoveryText } from "./steps/entities-step.js";
import { showEstimate } from "./steps/estimate-step.js";
import { reviewMapping } from "./steps/review-step.js";

/** Conversation id, used to enter it. */
export const NEW_MIGRATION = "new-migration";

type Attempt<T> = { ok: true; value: T } | { ok: false; code: ConnectErrorCode };

/**
 * Runs a portal-facing `task` once; on failure says why and offers to try again
 * (a portal can be briefly unreachable). "Cancel" leaves the dialog.
 */
async function withRetry<T>(env: FlowEnv, task: () => Promise<T>, what: string): Promise<T> {
  for (;;) {
    const result = await env.conversation.external(async (): Promise<Attempt<T>> => {
      try {
        return { ok: true, value: await task() };
      } catch (error) {
        env.deps.logger.warn({ err: error, step: what }, "setup step failed");
        return { ok: false, code: connectErrorOf(error).code };
      }
    });
    if (result.ok) return result.value;
    const text = `${t(env.lang, `wizard.failed_${what}`)}\n${connectErrorText(env, { code: result.code })}`;
    const rows = [
      [{ text: t(env.lang, "wizard.retry"), data: "w:retry:yes" }],
      [{ text: t(env.lang, "wizard.give_up"), data: "w:retry:no" }],
    ];
    const { value } = await choose(env, text, rows, "w:retry:");
    if (value === "no") {
      await say(env, "wizard.cancelled");
      return env.conversation.halt();
    }
  }
}

/** The conversation builder, with the bot's dependencies. */
export function newMigrationFlow(deps: BotDeps) {
  return async function newMigration(conversation: Flow, ctx: FlowContext): Promise<void> {
    const chat = chatRefOf(ctx, deps.channel);
    if (chat === null || ctx.chat === undefined) return;
    const lang = langOf(ctx, deps.settings.defaultLanguage);
    const env: FlowEnv = { conversation, ctx, lang, deps, chatId: ctx.chat.id };
    const name = ctx.from?.first_name;
    const customerId = await conversation.external(
      async () => (await ensureCustomer(deps.stores, chat, lang, name)).id,
    );

    await say(env, "wizard.intro");
    const sourceSystem = await chooseSystem(env, "source");
    const source = await connectAccount(env, "source", sourceSystem, customerId, null);
    const targetSystem = await chooseSystem(env, "target");
    const target = await connectAccount(env, "target", targetSystem, customerId, source.accountKey);

    const migrationId = await conversation.external(async () => {
      const created = await deps.stores.migrations.create({
        customerId,
        chat,
        sourceConnectionId: source.connectionId,
        targetConnectionId: target.connectionId,
        route: `${sourceSystem.id}->${targetSystem.id}`,
      });
      deps.logger.info({ migrationId: created.id, route: created.route }, "migration created");
      return created.id;
    });

    await say(env, "discovery.running", { portal: source.label });
    const counts: Discovery = await withRetry(
      env,
      () => deps.planning.discover(migrationId),
      "discovery",
    );
    await env.ctx.reply(discoveryText(env, counts));
    const entities: EntityKind[] = await chooseEntities(env, counts);

    await say(env, "mapping.preparing");
    await withRetry(env, () => deps.planning.propose(migrationId, entities), "proposal");
    await reviewMapping(env, migrationId, entities);
    await showEstimate(env, migrationId);
  };
}
