/**
 * The estimate (DESIGN.md §1 step 5) and what comes next: the pilot, the full
 * run, or later. The buttons are handled outside the dialog (`m:…`, see
 * features/migration-actions.ts), so they keep working after the dialog ended
 * and after any restart.
 */
import { t, type Language } from "../../i18n.js";
import { estimateMigration, type Estimate } from "../../services/estimate.js";
import { readPlanning } from "../../services/planning-state.js";
import type { BotDeps } from "../../deps.js";
import { durationText, fit, formatNumber, keyboardOf } from "../../ui.js";
import type { FlowEnv } from "../ask.js";
import { actionData } from "../../features/action-data.js";

/** The estimate of a migration from its stored discovery, mapping and the customer's quota. */
export async function estimateOf(
  deps: Pick<BotDeps, "stores" | "quota">,
  migrationId: string,
): Promise<Estimate | null> {
  const migration = await deps.stores.migrations.getById(migrationId);
  if (migration === null) return null;
  const planning = readPlanning(migration);
  if (planning.cost === undefined) return null;
  const quota = await deps.quota(migration.customerId);
  return estimateMigration({
    counts: planning.counts,
    entities: migration.entities as Parameters<typeof estimateMigration>[0]["entities"],
    cost: planning.cost,
    mapping: planning.draft,
    quota,
  });
}

export function estimateText(lang: Language, e: Estimate): string {
  const n = (v: number) => formatNumber(lang, v);
  return [
    t(lang, "estimate.header"),
    t(lang, "estimate.records", { records: n(e.records) }),
    t(lang, "estimate.requests", {
      total: n(e.requests.total),
      read: n(e.requests.read),
      write: n(e.requests.write),
      setup: n(e.requests.setup),
    }),
    t(lang, "estimate.duration", { duration: durationText(lang, e.durationSec) }),
    t(lang, "estimate.quota", {
      share: formatNumber(lang, Math.round(e.quota.sharePct * 100) / 100),
      quota: n(e.quota.quota),
      remaining: n(e.quota.remaining),
      after: n(e.quota.afterRun),
    }),
  ].join("\n");
}

/** Shows the estimate with the next steps; the dialog ends after this message. */
export async function showEstimate(env: FlowEnv, migrationId: string): Promise<void> {
  const estimate = await env.conversation.external(() => estimateOf(env.deps, migrationId));
  const text =
    estimate === null ? t(env.lang, "estimate.unavailable") : estimateText(env.lang, estimate);
  const rows = [
    [
      {
        text: t(env.lang, "actions.pilot", { count: env.deps.settings.pilotSize }),
        data: actionData("pilot", migrationId),
      },
    ],
    [{ text: t(env.lang, "actions.run"), data: actionData("run", migrationId) }],
    [{ text: t(env.lang, "actions.later"), data: "menu:list" }],
  ];
  await env.ctx.reply(fit(`${text}\n\n${t(env.lang, "estimate.next")}`), {
    reply_markup: keyboardOf(rows),
  });
}
