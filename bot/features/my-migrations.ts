/**
 * "My migrations": the chat's migrations, newest first, each with its state; a
 * press opens its card with the actions its state allows. Only the chat's own
 * migrations are ever listed or shown (DESIGN.md §6).
 */
import type { Migration, Stores } from "../../core/store/index.js";
import type { BotContext } from "../context.js";
import { chatRefOf, isSameChat, langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t } from "../i18n.js";
import { ensureCustomer } from "../services/customers.js";
import { fit, keyboardOf } from "../ui.js";
import { actionData } from "./action-data.js";
import { actionButtons, migrationCard, migrationLine, type Labels } from "./migration-view.js";

const LIST_LIMIT = 10;

export async function labelsOf(stores: Pick<Stores, "connections">, m: Migration): Promise<Labels> {
  const [source, target] = await Promise.all([
    stores.connections.getById(m.sourceConnectionId),
    stores.connections.getById(m.targetConnectionId),
  ]);
  return { source: source?.label ?? "?", target: target?.label ?? "?" };
}

/** The migration if it exists and belongs to the chat of `ctx`; null otherwise (never says which). */
export async function ownMigration(
  deps: BotDeps,
  ctx: BotContext,
  migrationId: string,
): Promise<Migration | null> {
  const m = await deps.stores.migrations.getById(migrationId);
  return m !== null && isSameChat(m.chat, ctx, deps.channel) ? m : null;
}

export async function showMigrations(deps: BotDeps, ctx: BotContext): Promise<void> {
  const chat = chatRefOf(ctx, deps.channel);
  if (chat === null) return;
  const lang = langOf(ctx, deps.settings.defaultLanguage);
  const customer = await ensureCustomer(deps.stores, chat, lang, ctx.from?.first_name);
  const all = await deps.stores.migrations.listByCustomer(customer.id, { limit: LIST_LIMIT });
  const mine = all.filter((m) => m.chat.channel === chat.channel && m.chat.chatId === chat.chatId);
  if (mine.length === 0) {
    await ctx.reply(t(lang, "migration.none"), {
      reply_markup: keyboardOf([[{ text: t(lang, "menu.new"), data: "menu:new" }]]),
    });
    return;
  }
  const labelled = await Promise.all(
    mine.map(async (m) => ({ m, labels: await labelsOf(deps.stores, m) })),
  );
  const text = [
    t(lang, "migration.list_header"),
    ...labelled.map(({ m, labels }, i) => migrationLine(lang, m, labels, i + 1)),
  ].join("\n");
  const rows = labelled.map(({ m }, i) => [
    { text: t(lang, "migration.open", { n: i + 1 }), data: actionData("show", m.id) },
  ]);
  await ctx.reply(fit(text), { reply_markup: keyboardOf(rows) });
}

/** The card of one migration with its actions. */
export async function showMigration(deps: BotDeps, ctx: BotContext, m: Migration): Promise<void> {
  const lang = langOf(ctx, deps.settings.defaultLanguage);
  const labels = await labelsOf(deps.stores, m);
  const rows = actionButtons(lang, m, labels, deps.settings.pilotSize);
  await ctx.reply(
    fit(migrationCard(lang, m, labels)),
    rows.length > 0 ? { reply_markup: keyboardOf(rows) } : {},
  );
}
