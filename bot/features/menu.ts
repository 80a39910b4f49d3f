/**
 * `/start`, `/help`, `/cancel` and the main menu (DESIGN.md §1 step 1): new
 * migration, my migrations, usage and plan, support hours, help.
 *
 * `dialogCommands` goes between `conversations()` and the conversations
 * themselves: an active dialog consumes every update it receives, so `/cancel`
 * and `/start` must be seen first (libraries.md §2.2).
 */
import { Composer } from "grammy";
import type { BotContext } from "../context.js";
import { langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t, type Language } from "../i18n.js";
import { NEW_MIGRATION } from "../flows/new-migration.js";
import { keyboardOf } from "../ui.js";
import { showMigrations } from "./my-migrations.js";
import { showUsage } from "./usage.js";

export function menuKeyboard(lang: Language) {
  return keyboardOf([
    [{ text: t(lang, "menu.new"), data: "menu:new" }],
    [{ text: t(lang, "menu.list"), data: "menu:list" }],
    [{ text: t(lang, "menu.usage"), data: "menu:usage" }],
    [
      { text: t(lang, "menu.support"), data: "menu:support" },
      { text: t(lang, "menu.help"), data: "menu:help" },
    ],
  ]);
}

/** `/start` and `/cancel`: both leave any dialog. */
export function dialogCommands(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const leave = async (ctx: BotContext): Promise<boolean> => {
    const active = Object.keys(ctx.conversation.active()).length > 0;
    await ctx.conversation.exitAll();
    if (ctx.chat !== undefined) await deps.intake.clear(ctx.chat.id);
    return active;
  };
  composer.command("start", async (ctx) => {
    await leave(ctx);
    const lang = langOf(ctx, deps.settings.defaultLanguage);
    await ctx.reply(t(lang, "menu.welcome"), { reply_markup: menuKeyboard(lang) });
  });
  composer.command("cancel", async (ctx) => {
    const lang = langOf(ctx, deps.settings.defaultLanguage);
    const left = await leave(ctx);
    await ctx.reply(t(lang, left ? "menu.cancelled" : "menu.nothing_to_cancel"), {
      reply_markup: menuKeyboard(lang),
    });
  });
  return composer;
}

/** The menu's buttons and the commands that do the same. */
export function menu(deps: BotDeps): Composer<BotContext> {
  const composer = new Composer<BotContext>();
  const lang = (ctx: BotContext) => langOf(ctx, deps.settings.defaultLanguage);
  const help = (ctx: BotContext) => ctx.reply(t(lang(ctx), "help.text"));

  composer.callbackQuery("menu:new", async (ctx) => {
    await ctx.answerCallbackQuery();
    if (Object.keys(ctx.conversation.active()).length > 0) {
      await ctx.reply(t(lang(ctx), "menu.dialog_active"));
      return;
    }
    await ctx.conversation.enter(NEW_MIGRATION);
  });
  composer.callbackQuery("menu:list", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showMigrations(deps, ctx);
  });
  composer.callbackQuery("menu:usage", async (ctx) => {
    await ctx.answerCallbackQuery();
    await showUsage(deps, ctx);
  });
  composer.callbackQuery("menu:support", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.reply(
      t(lang(ctx), "menu.support_hours", {
        hours: deps.settings.workingHours,
        zone: deps.settings.timeZone,
      }),
    );
  });
  composer.callbackQuery("menu:help", async (ctx) => {
    await ctx.answerCallbackQuery();
    await help(ctx);
  });
  composer.command("help", help);
  composer.command("migrations", (ctx) => showMigrations(deps, ctx));
  composer.command("usage", (ctx) => showUsage(deps, ctx));
  return composer;
}
