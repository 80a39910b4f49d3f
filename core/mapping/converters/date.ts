/**
 * Dates and datetimes in the layouts CRMs and people use: ISO-8601 with or
 * without offset ("2012-04-23T18:25:43+03:00", "2012-04-23 18:25"), Russian
 * "23.04.2012 18:25:43", US "04/23/2012", Unix seconds (amoCRM) or ms.
 * A naive time is read in the source zone; datetimes are written as ISO-8601
 * with the target zone's offset (Bitrix24 reads offset-less input in the
 * server's zone — bitrix24.md §11.2.1); dates are calendar days as the source saw them.
 */
import type { ScalarValue } from "../../model/canonical.js";
import { DEFAULT_DATE_FORMATS, type ConverterOf } from "../mapping-schema.js";
import { stringifyScalar } from "./shapes.js";
import { formatDate, formatInZone, wallTimeAt, zonedToEpoch, type WallTime } from "./time-zone.js";
import { drop, ok, type ValueContext, type ValueResult } from "./types.js";

export type DateFormat = NonNullable<ConverterOf<"date">["formats"]>[number];

/** An exact instant (offset or Unix time given) or a wall time still to be placed in a zone. */
export type ParsedDate =
  { kind: "instant"; epochMs: number } | { kind: "wall"; wall: WallTime; hasTime: boolean };

const ISO =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:[.,]\d{1,9})?)?\s*(Z|[+-]\d{2}(?::?\d{2})?)?)?$/i;
const DMY = /^(\d{1,2})[./-](\d{1,2})[./-](\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const MDY = /^(\d{1,2})\/(\d{1,2})\/(\d{4})(?:[\sT,]+(\d{1,2}):(\d{2})(?::(\d{2}))?)?$/;
const UNIX = /^-?\d{9,13}$/;

function daysInMonth(year: number, month: number): number {
  return new Date(Date.UTC(year, month, 0)).getUTCDate();
}

function wallOf(
  y: string,
  mo: string,
  d: string,
  h?: string,
  mi?: string,
  s?: string,
): ParsedDate | null {
  const wall: WallTime = {
    year: Number(y),
    month: Number(mo),
    day: Number(d),
    hour: Number(h ?? 0),
    minute: Number(mi ?? 0),
    second: Number(s ?? 0),
  };
  if (
    wall.month < 1 ||
    wall.month > 12 ||
    wall.day < 1 ||
    wall.day > daysInMonth(wall.year, wall.month)
  )
    return null;
  if (wall.hour > 23 || wall.minute > 59 || wall.second > 59) return null;
  return { kind: "wall", wall, hasTime: h !== undefined };
}

function parseOffset(text: string): number {
  if (text.toUpperCase() === "Z") return 0;
  const digits = text.slice(1).replace(":", "");
  const minutes = Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2) || 0);
  return text.startsWith("-") ? -minutes : minutes;
}

function parseUnix(n: number, formats: readonly DateFormat[]): ParsedDate | null {
  if (!Number.isFinite(n)) return null;
  if (formats.includes("unix_seconds") && Math.abs(n) < 1e11)
    return { kind: "instant", epochMs: n * 1000 };
  if (formats.includes("unix_ms") && Math.abs(n) >= 1e11) return { kind: "instant", epochMs: n };
  return null;
}

function parseWith(text: string, format: DateFormat): ParsedDate | null {
  if (format === "unix_seconds" || format === "unix_ms")
    return UNIX.test(text) ? parseUnix(Number(text), [format]) : null;
  if (format === "iso") {
    const m = ISO.exec(text);
    if (!m) return null;
    const parsed = wallOf(m[1]!, m[2]!, m[3]!, m[4], m[5], m[6]);
    if (!parsed || parsed.kind !== "wall" || m[7] === undefined) return parsed;
    const w = parsed.wall;
    const utc = Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);
    return { kind: "instant", epochMs: utc - parseOffset(m[7]) * 60_000 };
  }
  const m = (format === "dmy" ? DMY : MDY).exec(text);
  if (!m) return null;
  return format === "dmy"
    ? wallOf(m[3]!, m[2]!, m[1]!, m[4], m[5], m[6])
    : wallOf(m[3]!, m[1]!, m[2]!, m[4], m[5], m[6]);
}

/** Reads a date/datetime in the first of `formats` that fits; null when none does. */
export function parseDateInput(
  value: ScalarValue,
  formats: readonly DateFormat[] = DEFAULT_DATE_FORMATS,
): ParsedDate | null {
  if (typeof value === "number") return parseUnix(value, formats);
  if (typeof value !== "string") return null;
  const text = value.trim();
  for (const format of formats) {
    const parsed = parseWith(text, format);
    if (parsed) return parsed;
  }
  return null;
}

/** `date`: a calendar day `YYYY-MM-DD`; an exact instant is placed in the source zone first. */
export function convertDate(
  converter: ConverterOf<"date">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const parsed = parseDateInput(value, converter.formats);
  if (!parsed) return drop({ code: "bad_date", params: { value: stringifyScalar(value) } });
  const zone = converter.sourceTimeZone ?? ctx.timeZones.source;
  return ok(formatDate(parsed.kind === "wall" ? parsed.wall : wallTimeAt(parsed.epochMs, zone)));
}

/** `datetime`: ISO-8601 with the target zone's offset; naive times and bare dates are read in the source zone. */
export function convertDateTime(
  converter: ConverterOf<"datetime">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const parsed = parseDateInput(value, converter.formats);
  if (!parsed) return drop({ code: "bad_date", params: { value: stringifyScalar(value) } });
  const source = converter.sourceTimeZone ?? ctx.timeZones.source;
  const target = converter.targetTimeZone ?? ctx.timeZones.target;
  const epochMs = parsed.kind === "instant" ? parsed.epochMs : zonedToEpoch(parsed.wall, source);
  return ok(formatInZone(epochMs, target));
}
