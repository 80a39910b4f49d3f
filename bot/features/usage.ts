/** "Usage and plan" (DESIGN.md §1 step 9): API calls used this plan year against the quota. */
import type { BotContext } from "../context.js";
import { chatRefOf, langOf } from "../context.js";
import type { BotDeps } from "../deps.js";
import { t } from "../i18n.js";
import { ensureCustomer } from "../services/customers.js";
import { formatNumber } from "../ui.js";

export async function showUsage(deps: BotDeps, ctx: BotContext): Promise<void> {
  const chat = chatRefOf(ctx, deps.channel);
  if (chat === null) return;
  const lang = langOf(ctx, deps.settings.defaultLanguage);
  const customer = await ensureCustomer(deps.stores, chat, lang, ctx.from?.first_name);
  const q = await deps.quota(customer.id);
  const n = (v: number) => formatNumber(lang, v);
  await ctx.reply(
    t(lang, "usage.text", {
      period: q.period,
      quota: n(q.quota),
      used: n(q.used),
      remaining: n(q.remaining),
      unmetered: n(q.unmetered),
    }),
  );
}
