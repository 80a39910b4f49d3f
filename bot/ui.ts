/**
 * Small pieces every feature uses to speak: inline keyboards from plain rows,
 * numbers and entity names in the chat's language, and texts cut to Telegram's
 * 4,096 characters (https://core.telegram.org/bots/api#sendmessage).
 */
import { InlineKeyboard } from "grammy";
import { t, type Language } from "./i18n.js";

/** One inline button: its label and callback data (1-64 bytes). */
export interface Button {
  text: string;
  data: string;
}

export function keyboardOf(rows: ReadonlyArray<readonly Button[]>): InlineKeyboard {
  const keyboard = new InlineKeyboard();
  rows.forEach((row, index) => {
    if (index > 0) keyboard.row();
    for (const button of row) keyboard.text(button.text, button.data);
  });
  return keyboard;
}

/** Buttons laid out `perRow` to a row. */
export function inRows(buttons: readonly Button[], perRow: number): Button[][] {
  const rows: Button[][] = [];
  for (let i = 0; i < buttons.length; i += perRow) rows.push(buttons.slice(i, i + perRow));
  return rows;
}

export const formatNumber = (lang: Language, n: number): string =>
  new Intl.NumberFormat(lang === "ru" ? "ru-RU" : "en-US", { maximumFractionDigits: 2 }).format(n);

/** An entity's name in the chat (the notifier's `notify.entity.*` texts); unknown ones as they are. */
export function entityName(lang: Language, entity: string): string {
  const key = `notify.entity.${entity}`;
  const name = t(lang, key);
  return name === key ? entity : name;
}

const LIMIT = 4000;

/** The text cut to fit one message, with an ellipsis line when cut. */
export function fit(text: string): string {
  return text.length <= LIMIT ? text : `${text.slice(0, LIMIT - 2)}\n…`;
}

/** "1 h 5 min" / "12 min" / "40 s". */
export function durationText(lang: Language, seconds: number): string {
  const s = Math.max(0, Math.round(seconds));
  if (s >= 3600)
    return t(lang, "notify.duration.hours", {
      h: Math.floor(s / 3600),
      m: Math.floor((s % 3600) / 60),
    });
  if (s >= 60) return t(lang, "notify.duration.minutes", { m: Math.round(s / 60) });
  return t(lang, "notify.duration.seconds", { s });
}
