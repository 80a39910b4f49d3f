/**
 * Discovery's answer and the entity choice (DESIGN.md §1 steps 3-4): what the
 * source holds, per entity, and a multi-select keyboard whose buttons toggle
 * with ✅. Everything with records starts selected; "Continue" needs at least one.
 */
import type { EntityKind } from "../../../core/model/canonical.js";
import { orderEntities } from "../../../core/model/plan.js";
import { t } from "../../i18n.js";
import type { Discovery } from "../../services/planning.js";
import { entityName, formatNumber, keyboardOf, type Button } from "../../ui.js";
import { nextUpdate, pressOn, refuse, settle, type FlowEnv } from "../ask.js";

const PREFIX = "w:ent:";

/** "Companies: 450, contacts: 1,050 …" */
export function discoveryText(env: FlowEnv, counts: Discovery): string {
  const lines = orderEntities(Object.keys(counts) as EntityKind[]).map((e) =>
    t(env.lang, "discovery.line", {
      entity: entityName(env.lang, e),
      count: formatNumber(env.lang, counts[e] ?? 0),
    }),
  );
  return [t(env.lang, "discovery.found"), ...lines].join("\n");
}

function rows(env: FlowEnv, counts: Discovery, selected: ReadonlySet<EntityKind>): Button[][] {
  const entities = orderEntities(Object.keys(counts) as EntityKind[]);
  return [
    ...entities.map((e) => [
      {
        text: `${selected.has(e) ? "✅" : "⬜"} ${entityName(env.lang, e)} (${formatNumber(env.lang, counts[e] ?? 0)})`,
        data: `${PREFIX}${e}`,
      },
    ]),
    [{ text: t(env.lang, "entities.continue"), data: `${PREFIX}done` }],
  ];
}

/** Asks which entities to move; returns them in dependency order. */
export async function chooseEntities(env: FlowEnv, counts: Discovery): Promise<EntityKind[]> {
  const known = Object.keys(counts) as EntityKind[];
  const selected = new Set(known.filter((e) => (counts[e] ?? 0) > 0));
  const message = await env.ctx.reply(t(env.lang, "entities.choose"), {
    reply_markup: keyboardOf(rows(env, counts, selected)),
  });
  for (;;) {
    const ctx = await nextUpdate(env);
    const value = pressOn(ctx, message, PREFIX);
    if (value === null) {
      await refuse(env, ctx, "buttons");
      continue;
    }
    if (value === "done") {
      if (selected.size === 0) {
        await ctx.answerCallbackQuery({ text: t(env.lang, "entities.none"), show_alert: true });
        continue;
      }
      await ctx.answerCallbackQuery();
      const chosen = orderEntities(selected);
      await settle(env, message, chosen.map((e) => entityName(env.lang, e)).join(", "));
      return chosen;
    }
    const entity = known.find((e) => e === value);
    if (entity === undefined) {
      await refuse(env, ctx, "buttons");
      continue;
    }
    if (selected.has(entity)) selected.delete(entity);
    else selected.add(entity);
    await ctx.answerCallbackQuery();
    await env.ctx.api.editMessageReplyMarkup(env.chatId, message.message_id, {
      reply_markup: keyboardOf(rows(env, counts, selected)),
    });
  }
}
