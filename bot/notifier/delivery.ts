/**
 * Delivers one notification event to its migration's chat: progress through the
 * throttled editor (one message per migration, its id kept on the migration),
 * everything else as a new message, the failures CSV as a document. A stop by
 * refused credentials carries the "update access to <portal>" button the
 * migration's card offers too (features/migration-view.ts).
 *
 * Rate limits: a sender's `rate_limited` error (Telegram 429) is waited out for its
 * `retryAfterMs` and the call repeated, a few times at most; then the queue retries.
 */
import { isPereezdError } from "../../core/errors.js";
import type { Logger } from "../../core/logger.js";
import { DEFAULT_LANGUAGE, type Migration, type Stores } from "../../core/store/index.js";
import { accessButtons } from "../features/migration-view.js";
import { labelsOf } from "../features/my-migrations.js";
import type { Language } from "../i18n.js";
import type { NotificationEvent } from "../../worker/jobs.js";
import { createProgressEditor, type ProgressEdit } from "./progress-editor.js";
import { failuresCaption, pilotKeyboard, renderMessage, renderProgress } from "./render.js";
import {
  CHAT_UNREACHABLE,
  MESSAGE_NOT_FOUND,
  realClock,
  type ChatSender,
  type Keyboard,
  type NotifierClock,
} from "./types.js";

export interface DeliveryDeps {
  sender: ChatSender;
  stores: Pick<Stores, "migrations" | "customers" | "connections">;
  logger: Pick<Logger, "info" | "warn" | "error">;
  clock?: NotifierClock;
  /** Minimum time between two progress edits in one chat; default 3 s. */
  editIntervalMs?: number;
  /** How many 429s in a row one call waits out before giving up; default 3. */
  maxRateLimitWaits?: number;
}

export interface Delivery {
  /** Delivers `event`; throws (for a queue retry) only when the chat could not be reached for now. */
  handle(event: NotificationEvent): Promise<void>;
  close(): void;
}

const isCode = (error: unknown, kind: "not_found" | "auth", code: string) =>
  isPereezdError(error, kind) && error.code === code;

export function createDelivery(deps: DeliveryDeps): Delivery {
  const clock = deps.clock ?? realClock;
  const maxWaits = deps.maxRateLimitWaits ?? 3;

  /** Runs a sender call, waiting out rate limits (Telegram's `retry_after`). */
  async function call<T>(what: () => Promise<T>): Promise<T> {
    for (let waits = 0; ; waits++) {
      try {
        return await what();
      } catch (error) {
        if (!isPereezdError(error, "rate_limited") || waits >= maxWaits) throw error;
        const ms = error.retryAfterMs ?? 1_000;
        deps.logger.warn({ retryAfterMs: ms }, "chat rate limited; waiting");
        await clock.sleep(ms);
      }
    }
  }

  async function apply(edit: ProgressEdit): Promise<boolean> {
    const migration = await deps.stores.migrations.getById(edit.migrationId);
    if (migration === null) return false;
    const id = migration.progressMessageId;
    if (id !== undefined) {
      try {
        await call(() => deps.sender.edit(edit.chat, id, edit.text, edit.keyboard));
        return true;
      } catch (error) {
        if (!isCode(error, "not_found", MESSAGE_NOT_FOUND)) throw error;
        // The user deleted it: start a new progress message below.
      }
    }
    const sent = await call(() => deps.sender.send(edit.chat, edit.text, edit.keyboard));
    await deps.stores.migrations.update(edit.migrationId, { progressMessageId: sent.messageId });
    return true;
  }

  const editor = createProgressEditor({
    apply,
    clock,
    intervalMs: deps.editIntervalMs ?? 3_000,
    onError: (error, edit) =>
      deps.logger.warn(
        { err: error, migrationId: edit.migrationId },
        "progress edit failed; the next snapshot retries",
      ),
  });

  async function languageOf(migration: Migration): Promise<Language> {
    const customer = await deps.stores.customers.getById(migration.customerId);
    return customer?.language ?? DEFAULT_LANGUAGE;
  }

  /** The buttons under a message: the pilot's next steps, or renewing refused access. */
  async function keyboardOf(
    event: NotificationEvent,
    migration: Migration,
    lang: Language,
  ): Promise<Keyboard | undefined> {
    if (event.type === "pilot_report") return pilotKeyboard(lang, event.migrationId);
    if (event.type !== "attention" || event.kind !== "credentials_revoked") return undefined;
    const rows = accessButtons(lang, migration, await labelsOf(deps.stores, migration));
    return rows.length > 0 ? rows : undefined;
  }

  async function deliver(event: NotificationEvent, migration: Migration): Promise<void> {
    const lang = await languageOf(migration);
    if (event.type === "progress") {
      const { text, keyboard } = renderProgress(lang, event);
      await editor.submit({
        chat: event.chat,
        migrationId: event.migrationId,
        text,
        at: event.at,
        ...(keyboard ? { keyboard } : {}),
      });
      return;
    }
    const text = renderMessage(lang, event);
    const keyboard = await keyboardOf(event, migration, lang);
    if (text !== null) {
      await call(() =>
        keyboard
          ? deps.sender.send(event.chat, text, keyboard)
          : deps.sender.send(event.chat, text),
      );
    }
    if (event.type === "completed" && event.report.failuresCsv !== null) {
      const csv = event.report.failuresCsv;
      const failed = event.report.entities.reduce((n, e) => n + e.failed, 0);
      const name = `failed-records-${event.migrationId.slice(0, 8)}.csv`;
      await call(() =>
        deps.sender.sendDocument(
          event.chat,
          name,
          new TextEncoder().encode(csv),
          failuresCaption(lang, failed),
        ),
      );
    }
  }

  return {
    async handle(event) {
      const migration = await deps.stores.migrations.getById(event.migrationId);
      if (migration === null) {
        deps.logger.warn(
          { migrationId: event.migrationId, type: event.type },
          "notification for an unknown migration dropped",
        );
        return;
      }
      try {
        await deliver(event, migration);
      } catch (error) {
        if (isCode(error, "auth", CHAT_UNREACHABLE)) {
          deps.logger.info(
            { migrationId: event.migrationId, type: event.type },
            "chat unreachable; notification dropped",
          );
          return;
        }
        throw error;
      }
    },
    close: () => editor.close(),
  };
}
