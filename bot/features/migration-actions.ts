/**
 * Buttons that act on one migration outside any dialog: open its card, pilot,
 * full run, rollback and delta (each big step asks for confirmation first),
 * pause / resume / cancel — from "my migrations" (`m:…`) and from the progress
 * message the notifier keeps (`mig:…`, bot/notifier/render.ts) — and "update
 * access", which opens the dialog asking for a new webhook (flows/update-access.ts).
 *
 * Every press is checked twice: the migration must belong to this chat, and its
 * current status must allow the action. Pressing twice, or an old button after a
 * restart, therefore gets a short answer and changes nothing. Long work is only
 * ever enqueued (worker/jobs.ts); an update never runs it.
 */
import { Composer } from "grammy";
import type { Migration } from "../../core/store/index.js";
import { CONTROL_CALLBACK_PATTERN } from "../notifier/render.js";
import type { BotContext } from "../context.js";
import { langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t, type Language } from "../i18n.js";
import { estimateOf, estimateText } from "../flows/steps/estimate-step.js";
import { UPDATE_ACCESS } from "../flows/update-access.js";
import { fit, keyboardOf } from "../ui.js";
import { ACTION_PATTERN, actionData, type MigrationAction } from "./action-data.js";
import { actionsFor, lastStep, statusText, type Side } from "./migration-view.js";
import { ownMigration, showMigration } from "./my-migrations.js";

type Control = "pause" | "resume" | "cancel";

/** Which listed action a press needs to be allowed (confirmations re-check their action). */
const NEEDS: Partial<Record<MigrationAction, MigrationAction>> = {
  go: "run",
  rbgo: "rollback",
  dgo: "delta",
};

export function migrationActions(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const lang = (ctx: BotContext): Language => langOf(ctx, deps.settings.defaultLanguage);
  const toast = (ctx: BotContext, key: string, vars?: Record<string, string | number>) =>
    ctx.answerCallbackQuery({ text: t(lang(ctx), key, vars) });

  /** Asks "are you sure?" with a yes button carrying `yes`. */
  const confirm = async (ctx: BotContext, m: Migration, text: string, yes: MigrationAction) => {
    await ctx.answerCallbackQuery();
    const rows = [
      [{ text: t(lang(ctx), "actions.confirm_yes"), data: actionData(yes, m.id) }],
      [{ text: t(lang(ctx), "actions.confirm_no"), data: actionData("show", m.id) }],
    ];
    await ctx.reply(fit(text), { reply_markup: keyboardOf(rows) });
  };

  /** Moves to `queued` and enqueues `step`; undone if the queue cannot take it. */
  const start = async (ctx: BotContext, m: Migration, step: "run" | "delta") => {
    const from =
      step === "run" ? (["discovered", "pilot_done"] as const) : (["completed"] as const);
    const queued = await deps.stores.migrations.transition(m.id, from, "queued");
    if (queued === null) return toast(ctx, "actions.already", { status: statusText(lang(ctx), m) });
    try {
      await deps.stores.migrations.update(m.id, {
        options: { ...queued.options, lastStep: step },
        progressMessageId: null,
      });
      await deps.jobs.enqueue(step, { migrationId: m.id });
    } catch (error) {
      await deps.stores.migrations.transition(m.id, ["queued"], m.status);
      throw error;
    }
    await ctx.answerCallbackQuery();
    await ctx.reply(t(lang(ctx), step === "run" ? "actions.run_started" : "actions.delta_started"));
  };

  const control = async (ctx: BotContext, m: Migration, action: Control) => {
    const allowed: Record<Control, readonly string[]> = {
      pause: ["queued", "running"],
      resume: ["paused", "pausing", "failed"],
      cancel: [
        "draft",
        "discovered",
        "pilot_done",
        "queued",
        "running",
        "pausing",
        "paused",
        "failed",
      ],
    };
    if (!allowed[action].includes(m.status))
      return toast(ctx, "actions.already", { status: statusText(lang(ctx), m) });
    const after = await deps.control(m.id, action === "resume" ? "run" : action, {
      step: lastStep(m),
    });
    await toast(ctx, `controls.${action}`);
    if (after.status === "cancelled" && m.status !== "cancelled")
      await ctx.reply(t(lang(ctx), "controls.cancelled_now"));
  };

  /** Opens the dialog that asks for `side`'s new credentials; one dialog at a time. */
  const updateAccess = async (ctx: BotContext, m: Migration, side: Side) => {
    if (Object.keys(ctx.conversation.active()).length > 0) return toast(ctx, "access.busy");
    await ctx.answerCallbackQuery();
    await ctx.conversation.enter(UPDATE_ACCESS, m.id, side);
  };

  const act = async (ctx: BotContext, action: MigrationAction, m: Migration) => {
    const needed = NEEDS[action] ?? action;
    if (action !== "show" && !actionsFor(m).includes(needed)) {
      return toast(ctx, "actions.already", { status: statusText(lang(ctx), m) });
    }
    switch (action) {
      case "show":
        await ctx.answerCallbackQuery();
        return showMigration(deps, ctx, m);
      case "pilot": {
        const result = await deps.jobs.enqueue("pilot", {
          migrationId: m.id,
          samplePerEntity: deps.settings.pilotSize,
        });
        if (!result.enqueued) return toast(ctx, "actions.pilot_running");
        await ctx.answerCallbackQuery();
        return ctx.reply(t(lang(ctx), "actions.pilot_started", { count: deps.settings.pilotSize }));
      }
      case "run": {
        const estimate = await estimateOf(deps, m.id);
        const text = [
          t(lang(ctx), "actions.run_confirm"),
          ...(estimate ? ["", estimateText(lang(ctx), estimate)] : []),
        ].join("\n");
        return confirm(ctx, m, text, "go");
      }
      case "go":
        return start(ctx, m, "run");
      case "rollback":
        return confirm(
          ctx,
          m,
          t(
            lang(ctx),
            m.status === "pilot_done"
              ? "actions.rollback_pilot_confirm"
              : "actions.rollback_all_confirm",
          ),
          "rbgo",
        );
      case "rbgo": {
        const scope = m.status === "pilot_done" ? "pilot" : "all";
        const result = await deps.jobs.enqueue("rollback", { migrationId: m.id, scope });
        if (!result.enqueued) return toast(ctx, "actions.rollback_running");
        await ctx.answerCallbackQuery();
        return ctx.reply(t(lang(ctx), "actions.rollback_started"));
      }
      case "delta":
        return confirm(ctx, m, t(lang(ctx), "actions.delta_confirm"), "dgo");
      case "dgo":
        return start(ctx, m, "delta");
      case "pause":
      case "resume":
      case "cancel":
        return control(ctx, m, action);
      case "access_source":
        return updateAccess(ctx, m, "source");
      case "access_target":
        return updateAccess(ctx, m, "target");
    }
  };

  composer.callbackQuery(ACTION_PATTERN, async (ctx) => {
    const [, action, id] = ctx.match;
    const m = id === undefined ? null : await ownMigration(deps, ctx, id);
    if (m === null) return toast(ctx, "actions.not_found");
    await act(ctx, action as MigrationAction, m);
  });

  composer.callbackQuery(CONTROL_CALLBACK_PATTERN, async (ctx) => {
    const [, action, id] = ctx.match;
    const m = id === undefined ? null : await ownMigration(deps, ctx, id);
    if (m === null) return toast(ctx, "actions.not_found");
    await control(ctx, m, action as Control);
  });
  return composer;
}
