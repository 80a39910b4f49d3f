/**
 * Dates as the portal renders and parses them: ISO-8601 with the portal's
 * offset on output; on input ISO-8601 (with or without offset), `YYYY-MM-DD`
 * or the portal format `DD.MM.YYYY HH:MM:SS`, read in the portal zone when no
 * offset is given (docs: api-reference/data-types.md; reference §11.2 pitfall 1).
 */

const OFFSET_RE = /^([+-])(\d{2}):?(\d{2})$/;
const ISO_RE =
  /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2})(?:\.\d+)?)?)?\s*(Z|[+-]\d{2}:?\d{2})?$/i;
const RU_RE = /^(\d{2})\.(\d{2})\.(\d{4})(?:\s+(\d{2}):(\d{2})(?::(\d{2}))?)?$/;

/** Minutes east of UTC for an offset such as `+03:00`; 0 when malformed. */
export function offsetMinutes(timeZone: string): number {
  if (timeZone === "Z" || timeZone === "z") return 0;
  const m = OFFSET_RE.exec(timeZone);
  if (!m) return 0;
  const sign = m[1] === "-" ? -1 : 1;
  return sign * (Number(m[2]) * 60 + Number(m[3]));
}

const pad = (n: number, width = 2): string => String(n).padStart(width, "0");

/** `2024-08-30T14:29:00+03:00` for epoch milliseconds in the portal zone. */
export function formatDateTime(ms: number, timeZone: string): string {
  const offset = offsetMinutes(timeZone);
  const d = new Date(ms + offset * 60_000);
  const sign = offset < 0 ? "-" : "+";
  const abs = Math.abs(offset);
  return (
    `${d.getUTCFullYear()}-${pad(d.getUTCMonth() + 1)}-${pad(d.getUTCDate())}` +
    `T${pad(d.getUTCHours())}:${pad(d.getUTCMinutes())}:${pad(d.getUTCSeconds())}` +
    `${sign}${pad(Math.floor(abs / 60))}:${pad(abs % 60)}`
  );
}

/** A stored `YYYY-MM-DD` rendered as midnight in the portal zone (legacy date fields). */
export function formatDateAsDateTime(date: string, timeZone: string): string {
  const ms = Date.parse(`${date}T00:00:00Z`) - offsetMinutes(timeZone) * 60_000;
  return formatDateTime(ms, timeZone);
}

/** The calendar date (`YYYY-MM-DD`) of an instant in the portal zone. */
export function dateOf(ms: number, timeZone: string): string {
  return formatDateTime(ms, timeZone).slice(0, 10);
}

function build(
  y: number,
  mo: number,
  d: number,
  h: number,
  mi: number,
  s: number,
  offset: number,
): number | null {
  if (mo < 1 || mo > 12 || d < 1 || d > 31 || h > 23 || mi > 59 || s > 59) return null;
  const utc = Date.UTC(y, mo - 1, d, h, mi, s);
  const check = new Date(utc);
  if (check.getUTCDate() !== d || check.getUTCMonth() !== mo - 1) return null;
  return utc - offset * 60_000;
}

/**
 * Parses a date/time input to epoch milliseconds; null when it is not a date.
 * Strings without an offset are read in the portal zone, like PHP `strtotime`
 * with the server zone.
 */
export function parseDateTime(value: unknown, timeZone: string): number | null {
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : value.getTime();
  if (typeof value !== "string") return null;
  const text = value.trim();
  const iso = ISO_RE.exec(text);
  if (iso) {
    const offset = iso[7] === undefined ? offsetMinutes(timeZone) : offsetMinutes(iso[7]);
    return build(
      Number(iso[1]),
      Number(iso[2]),
      Number(iso[3]),
      Number(iso[4] ?? 0),
      Number(iso[5] ?? 0),
      Number(iso[6] ?? 0),
      offset,
    );
  }
  const ru = RU_RE.exec(text);
  if (ru) {
    return build(
      Number(ru[3]),
      Number(ru[2]),
      Number(ru[1]),
      Number(ru[4] ?? 0),
      Number(ru[5] ?? 0),
      Number(ru[6] ?? 0),
      offsetMinutes(timeZone),
    );
  }
  return null;
}

/** Parses a date input to `YYYY-MM-DD` in the portal zone; null when it is not a date. */
export function parseDate(value: unknown, timeZone: string): string | null {
  if (typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value.trim())) {
    return parseDateTime(value, timeZone) === null ? null : value.trim();
  }
  const ms = parseDateTime(value, timeZone);
  return ms === null ? null : dateOf(ms, timeZone);
}
