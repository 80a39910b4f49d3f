/**
 * Notification events as chat texts, in the customer's language. Every word comes
 * from `locales/*.json` (`notify.*`); this file only arranges them.
 */
import type { Language } from "../i18n.js";
import { t } from "../i18n.js";
import type {
  EntityProgress,
  MigrationReport,
  NotificationEvent,
  NotificationOf,
} from "../../worker/jobs.js";
import type { Keyboard } from "./types.js";
import { actionData } from "../features/action-data.js";

/** Callback data of the progress buttons: `mig:<action>:<migrationId>` (≤ 64 bytes for UUIDs). */
export const controlCallbackData = (
  action: "pause" | "resume" | "cancel",
  migrationId: string,
): string => `mig:${action}:${migrationId}`;
/** Matches `controlCallbackData`; groups: action, migration id. */
export const CONTROL_CALLBACK_PATTERN = /^mig:(pause|resume|cancel):([\w-]{1,100})$/;

const BAR_WIDTH = 10;

const number = (lang: Language, n: number) =>
  new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-US").format(n);

function entityName(lang: Language, entity: string): string {
  const key = `notify.entity.${entity}`;
  const name = t(lang, key);
  return name === key ? entity : name;
}

function bar(done: number, total: number): string {
  const ratio = total > 0 ? Math.min(1, done / total) : 0;
  const filled = Math.round(ratio * BAR_WIDTH);
  return `${"▓".repeat(filled)}${"░".repeat(BAR_WIDTH - filled)} ${Math.floor(ratio * 100)}%`;
}

/** "1 h 5 min", "12 min", "40 s". */
export function duration(lang: Language, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600)
    return t(lang, "notify.duration.hours", {
      h: Math.floor(s / 3600),
      m: Math.floor((s % 3600) / 60),
    });
  if (s >= 60) return t(lang, "notify.duration.minutes", { m: Math.round(s / 60) });
  return t(lang, "notify.duration.seconds", { s });
}

function entityLine(lang: Language, e: EntityProgress): string {
  const done = e.written + e.failed + e.skipped;
  const line =
    e.total !== null && e.total > 0
      ? t(lang, "notify.progress.entity", {
          entity: entityName(lang, e.entity),
          bar: bar(done, e.total),
          written: number(lang, e.written),
          total: number(lang, e.total),
        })
      : t(lang, "notify.progress.entity_open", {
          entity: entityName(lang, e.entity),
          written: number(lang, e.written),
        });
  return e.failed > 0
    ? `${line} ${t(lang, "notify.progress.entity_failed", { failed: number(lang, e.failed) })}`
    : line;
}

/** The buttons under the progress message in `state`. */
export function controlKeyboard(
  lang: Language,
  migrationId: string,
  state: NotificationOf<"progress">["state"],
): Keyboard | undefined {
  const cancel = {
    text: t(lang, "notify.button.cancel"),
    data: controlCallbackData("cancel", migrationId),
  };
  if (state === "running")
    return [
      [
        { text: t(lang, "notify.button.pause"), data: controlCallbackData("pause", migrationId) },
        cancel,
      ],
    ];
  if (state === "paused")
    return [
      [
        { text: t(lang, "notify.button.resume"), data: controlCallbackData("resume", migrationId) },
        cancel,
      ],
    ];
  return undefined;
}

/** The progress message: title and state, a bar per entity, calls, rate and ETA. */
export function renderProgress(
  lang: Language,
  e: NotificationOf<"progress">,
): { text: string; keyboard?: Keyboard } {
  const s = e.snapshot;
  const lines = [
    t(lang, "notify.progress.header", {
      title: t(lang, `notify.stage.${e.stage}`),
      state: t(lang, `notify.state.${e.state}`),
    }),
    ...s.entities.map((x) => entityLine(lang, x)),
    t(lang, "notify.progress.requests", { requests: number(lang, s.requests) }),
  ];
  if (e.state === "running" && s.ratePerSec !== null)
    lines.push(
      t(lang, "notify.progress.rate", { rate: number(lang, Math.round(s.ratePerSec * 10) / 10) }),
    );
  if (e.state === "running" && s.etaSeconds !== null)
    lines.push(t(lang, "notify.progress.eta", { eta: duration(lang, s.etaSeconds) }));
  const keyboard = controlKeyboard(lang, e.migrationId, e.state);
  return keyboard === undefined ? { text: lines.join("\n") } : { text: lines.join("\n"), keyboard };
}

const totals = (r: MigrationReport) =>
  r.entities.reduce((a, e) => ({ written: a.written + e.written, failed: a.failed + e.failed }), {
    written: 0,
    failed: 0,
  });

function reportLines(lang: Language, r: MigrationReport): string[] {
  return r.entities.map((e) =>
    t(lang, "notify.report.entity", {
      entity: entityName(lang, e.entity),
      written: number(lang, e.written),
      failed: number(lang, e.failed),
    }),
  );
}

/** Any other event as one new message (null: nothing to say in the chat). */
export function renderMessage(
  lang: Language,
  e: Exclude<NotificationEvent, { type: "progress" }>,
): string | null {
  switch (e.type) {
    case "usage":
      return t(lang, "notify.usage", {
        period: e.period,
        used: number(lang, e.used),
        quota: number(lang, e.quota),
        remaining: number(lang, e.remaining),
        migration: number(lang, e.migrationRequests),
      });
    case "attention": {
      const side = t(lang, `notify.side.${e.side ?? "unknown"}`);
      const main = t(lang, `notify.attention.${e.kind}`, {
        side,
        field: e.field ?? "?",
        entity: entityName(lang, e.entity ?? "?"),
      });
      return e.reason
        ? `${main}\n${t(lang, "notify.attention.reason", { reason: e.reason })}`
        : main;
    }
    case "status":
      return t(lang, `notify.status.${e.status}`);
    case "completed": {
      const sum = totals(e.report);
      const head = t(lang, `notify.completed.${e.outcome}`, {
        written: number(lang, sum.written),
        failed: number(lang, sum.failed),
        requests: number(lang, e.report.requests),
        duration: e.report.durationMs === null ? "—" : duration(lang, e.report.durationMs / 1000),
      });
      return [head, ...reportLines(lang, e.report)].join("\n");
    }
    case "pilot_report": {
      const sum = totals(e.report);
      const links = e.report.links.map((l) =>
        t(lang, "notify.pilot.link", {
          entity: entityName(lang, l.entity),
          id: l.sourceId,
          url: l.url,
        }),
      );
      return [
        t(lang, "notify.pilot.done", {
          written: number(lang, sum.written),
          failed: number(lang, sum.failed),
        }),
        ...reportLines(lang, e.report),
        ...(links.length > 0 ? [t(lang, "notify.pilot.links"), ...links] : []),
        t(lang, "notify.pilot.next"),
      ].join("\n");
    }
    case "step_done":
      return t(lang, `notify.step.${e.step}`);
  }
}

/** The caption of the failures CSV. */
export const failuresCaption = (lang: Language, failed: number): string =>
  t(lang, "notify.report.failures_caption", { failed: number(lang, failed) });

/**
 * The buttons under the pilot report: start the full run, or roll the pilot back
 * (`m:<action>:<id>`, answered by features/migration-actions.ts, which asks first).
 */
export function pilotKeyboard(lang: Language, migrationId: string): Keyboard {
  return [
    [{ text: t(lang, "actions.run"), data: actionData("run", migrationId) }],
    [{ text: t(lang, "actions.rollback"), data: actionData("rollback", migrationId) }],
  ];
}
