/**
 * The bot, whatever the channel: features are Composers, dialogs are
 * conversations persisted in the store. The composition roots (Telegram in
 * `main.ts`, the terminal in `demo.ts`, tests) give it a token, a Bot API client
 * (`apiRoot`, or a `fetch` such as the console bridge) and its dependencies.
 *
 * Middleware order matters:
 * 0. one chat's updates one at a time (sequentialize.ts);
 * 1. error boundary — any failure becomes an apology (features/error-boundary.ts);
 * 2. secret intake — credentials are sealed before a dialog can store them;
 * 3. conversations() and `/start`, `/cancel` — seen before any active dialog;
 * 4. the dialogs; 5. features; 6. the fallback for anything left.
 */
import {
  conversations,
  createConversation,
  type ConversationData,
  type VersionedState,
} from "@grammyjs/conversations";
import { Bot, type ApiClientOptions } from "grammy";
import type { UserFromGetMe } from "grammy/types";
import type { Metric } from "../runtime/index.js";
import { typedConversationStorage } from "../core/store/index.js";
import { apiTransformers, conversationApiPlugin } from "./api-plugins.js";
import type { BotContext, FlowContext } from "./context.js";
import type { BotDeps } from "./deps.js";
import { errorBoundary } from "./features/error-boundary.js";
import { fallback } from "./features/fallback.js";
import { dialogCommands, menu } from "./features/menu.js";
import { migrationActions } from "./features/migration-actions.js";
import { NEW_MIGRATION, newMigrationFlow } from "./flows/new-migration.js";
import { UPDATE_ACCESS, updateAccessFlow } from "./flows/update-access.js";
import { sequentialize } from "./sequentialize.js";

/**
 * Version of the stored dialogs. Bump it whenever a flow changes the order or
 * shape of its questions or externals: stored dialogs of another version are
 * dropped instead of being replayed into the wrong step (libraries.md §2.4).
 */
export const CONVERSATION_VERSION = 1;

export interface CreateBotOptions {
  token: string;
  deps: BotDeps;
  /** Skips `getMe` (tests, the console bridge). */
  botInfo?: UserFromGetMe;
  /** `apiRoot` (TELEGRAM_API_ROOT) or a `fetch` that serves the Bot API in-process. */
  client?: ApiClientOptions;
  /** Counters for `/metrics`: updates by kind, and updates that ended in an apology. */
  metrics?: { updates: Metric; failures: Metric };
}

export function createBot(options: CreateBotOptions): Bot<BotContext> {
  const { deps } = options;
  const bot = new Bot<BotContext>(options.token, {
    ...(options.botInfo ? { botInfo: options.botInfo } : {}),
    ...(options.client ? { client: options.client } : {}),
  });
  const retry = { maxDelaySeconds: deps.settings.maxRetryDelaySeconds };
  for (const transformer of apiTransformers(retry)) bot.api.config.use(transformer);

  const metrics = options.metrics;
  if (metrics) {
    bot.use(async (ctx, next) => {
      metrics.updates.inc({
        kind: ctx.callbackQuery
          ? "callback"
          : ctx.message?.document
            ? "document"
            : ctx.message
              ? "message"
              : "other",
      });
      await next();
    });
  }
  bot.use(sequentialize());
  bot.use(errorBoundary(deps.logger, deps.settings.defaultLanguage, () => metrics?.failures.inc()));
  bot.use(deps.intake.middleware);
  bot.use(
    conversations<BotContext, FlowContext>({
      storage: {
        type: "key",
        version: CONVERSATION_VERSION,
        prefix: "dialog:",
        adapter: typedConversationStorage<VersionedState<ConversationData>>(
          deps.stores.conversations,
        ),
      },
      plugins: [conversationApiPlugin(retry)],
    }),
  );
  bot.use(dialogCommands(deps));
  bot.use(createConversation(newMigrationFlow(deps), { id: NEW_MIGRATION }));
  bot.use(createConversation(updateAccessFlow(deps), { id: UPDATE_ACCESS }));
  bot.use(menu(deps));
  bot.use(migrationActions(deps));
  bot.use(fallback(deps));
  bot.catch((error) =>
    deps.logger.error({ err: error.error, updateId: error.ctx.update.update_id }, "update failed"),
  );
  return bot;
}
