/**
 * The mapping review (DESIGN.md §1 step 4), entity by entity: what matched, each
 * field that needs a look with its proposed fix, and per field "change" (another
 * target field, a new field, or not migrated). The draft can be downloaded as a
 * JSON file and an edited one sent back at any point; a broken file gets its
 * problems listed with their paths and changes nothing.
 */
import { InputFile } from "grammy";
import type { Message } from "grammy/types";
import { MAX_MAPPING_FILE_CHARS } from "../../../core/mapping/index.js";
import type { EntityKind } from "../../../core/model/canonical.js";
import { t } from "../../i18n.js";
import { createReviewService, type UploadOutcome } from "../../services/review.js";
import { fit, inRows, keyboardOf, type Button } from "../../ui.js";
import { choose, nextUpdate, pressOn, refuse, say, settle, type FlowEnv } from "../ask.js";
import type { RuleChange } from "../mapping/edit-rule.js";
import { problemsText, reviewData, reviewMessage, typeName } from "../mapping/review-text.js";
import type { EntityReview } from "../mapping/review-view.js";
import type { FlowContext } from "../../context.js";

type Action = { kind: "accept" } | { kind: "change"; n: number } | { kind: "reload" };

const MAX_CHOICES = 40;

/** Offers the places a field can go and applies the choice. */
async function changeField(
  env: FlowEnv,
  migrationId: string,
  entity: EntityKind,
  review: EntityReview,
  n: number,
): Promise<void> {
  const line = review.lines[n - 1];
  if (line === undefined) return;
  const svc = createReviewService(env.deps.stores);
  const options = await env.conversation.external(() =>
    svc.fieldOptions(migrationId, entity, line.ruleIndex),
  );
  if (options === null) return;
  const same = options.choices.filter((c) => c.type === options.source.type);
  const other = options.choices.filter((c) => c.type !== options.source.type);
  const choices = [...same, ...other].slice(0, MAX_CHOICES);
  const buttons: Button[] = choices.map((c, i) => ({
    text: `${c.label} (${typeName(env.lang, c.type)})`,
    data: `w:fld:${i}`,
  }));
  const rows = [
    ...inRows(buttons, 2),
    ...(options.canCreate
      ? [[{ text: t(env.lang, "mapping.change.create"), data: "w:fld:new" }]]
      : []),
    [{ text: t(env.lang, "mapping.change.skip"), data: "w:fld:skip" }],
    [{ text: t(env.lang, "mapping.change.back"), data: "w:fld:back" }],
  ];
  const question = t(env.lang, "mapping.change.ask", {
    field: options.source.label,
    type: typeName(env.lang, options.source.type),
  });
  const { value } = await choose(env, question, rows, "w:fld:");
  if (value === "back") return;
  const picked = choices[Number(value)];
  const change: RuleChange | null =
    value === "skip"
      ? { kind: "skip" }
      : value === "new"
        ? { kind: "create" }
        : picked
          ? { kind: "target", code: picked.code }
          : null;
  if (change === null) return;
  await env.conversation.external(() => svc.change(migrationId, entity, line.ruleIndex, change));
}

async function sendFile(env: FlowEnv, migrationId: string): Promise<void> {
  const svc = createReviewService(env.deps.stores);
  const text = await env.conversation.external(() => svc.file(migrationId));
  const name = `mapping-${migrationId.slice(0, 8)}.json`;
  await env.ctx.replyWithDocument(new InputFile(Buffer.from(text, "utf8"), name), {
    caption: t(env.lang, "mapping.file_caption"),
  });
}

async function takeFile(env: FlowEnv, ctx: FlowContext, migrationId: string): Promise<boolean> {
  const document = ctx.message?.document;
  if (document === undefined) return false;
  if ((document.file_size ?? 0) > MAX_MAPPING_FILE_CHARS) {
    await say(env, "mapping.upload.too_large");
    return false;
  }
  const file = await ctx.getFile();
  const path = file.file_path;
  const svc = createReviewService(env.deps.stores);
  const outcome = await env.conversation.external(async (): Promise<UploadOutcome | null> => {
    if (path === undefined) return null;
    try {
      const bytes = await env.deps.downloadFile(path);
      return await svc.upload(migrationId, new TextDecoder("utf-8").decode(bytes));
    } catch (error) {
      env.deps.logger.warn({ err: error, migrationId }, "uploaded mapping could not be read");
      return null;
    }
  });
  if (outcome === null) {
    await say(env, "mapping.upload.unreadable");
    return false;
  }
  if (!outcome.ok) {
    await env.ctx.reply(
      fit(problemsText(env.lang, "mapping.upload.refused", outcome.problems, outcome.total)),
    );
    return false;
  }
  await say(env, "mapping.upload.accepted", { count: outcome.rules });
  return true;
}

/** Waits for what the user does with one entity's review message. */
async function reviewAction(
  env: FlowEnv,
  message: Message,
  review: EntityReview,
  migrationId: string,
): Promise<Action> {
  for (;;) {
    const ctx = await nextUpdate(env);
    if (ctx.message?.document !== undefined) {
      if (await takeFile(env, ctx, migrationId)) return { kind: "reload" };
      continue;
    }
    const value = pressOn(ctx, message, "w:rv:");
    if (value === null) {
      await refuse(env, ctx, "file_or_buttons");
      continue;
    }
    if (`w:rv:${value}` === reviewData.download) {
      await ctx.answerCallbackQuery();
      await sendFile(env, migrationId);
      continue;
    }
    if (`w:rv:${value}` === reviewData.accept) {
      if (review.errors.length > 0) {
        await ctx.answerCallbackQuery({
          text: t(env.lang, "mapping.fix_errors_first"),
          show_alert: true,
        });
        continue;
      }
      await ctx.answerCallbackQuery();
      return { kind: "accept" };
    }
    const n = Number(/^chg:(\d+)$/.exec(value)?.[1]);
    if (Number.isInteger(n) && n >= 1 && n <= review.lines.length) {
      await ctx.answerCallbackQuery();
      return { kind: "change", n };
    }
    await refuse(env, ctx, "buttons");
  }
}

/** Reviews every entity until the user accepted each; the draft then becomes the mapping. */
export async function reviewMapping(
  env: FlowEnv,
  migrationId: string,
  entities: readonly EntityKind[],
): Promise<void> {
  const svc = createReviewService(env.deps.stores);
  for (;;) {
    for (const [index, entity] of entities.entries()) {
      for (;;) {
        const review = await env.conversation.external(() => svc.entity(migrationId, entity));
        const { text, rows } = reviewMessage(env.lang, review, index + 1, entities.length);
        const message = await env.ctx.reply(fit(text), { reply_markup: keyboardOf(rows) });
        const action = await reviewAction(env, message, review, migrationId);
        if (action.kind === "accept") {
          await settle(env, message, t(env.lang, "mapping.accepted"));
          break;
        }
        await settle(
          env,
          message,
          action.kind === "change" ? `✏️ ${action.n}` : t(env.lang, "mapping.replaced"),
        );
        if (action.kind === "change") await changeField(env, migrationId, entity, review, action.n);
      }
    }
    const confirmed = await env.conversation.external(() => svc.confirm(migrationId));
    if (confirmed.ok) return;
    await env.ctx.reply(
      fit(problemsText(env.lang, "mapping.confirm_refused", confirmed.problems, confirmed.total)),
    );
  }
}
