/**
 * Wall-clock time in an IANA zone with `Intl` only (no date library): the
 * offset of a zone at an instant, the instant of a wall time in a zone, and
 * ISO-8601 rendering with the zone's offset (what Bitrix24 wants on input).
 */

export interface WallTime {
  year: number;
  month: number;
  day: number;
  hour: number;
  minute: number;
  second: number;
}

// Creating an Intl.DateTimeFormat costs tens of microseconds; a migration
// formats millions of dates in a handful of zones, so formatters are memoised.
const formatters = new Map<string, Intl.DateTimeFormat>();

function formatter(zone: string): Intl.DateTimeFormat {
  let f = formatters.get(zone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", {
      timeZone: zone,
      hourCycle: "h23",
      year: "numeric",
      month: "2-digit",
      day: "2-digit",
      hour: "2-digit",
      minute: "2-digit",
      second: "2-digit",
    });
    formatters.set(zone, f);
  }
  return f;
}

/** The wall time shown in `zone` at `epochMs`. */
export function wallTimeAt(epochMs: number, zone: string): WallTime {
  const parts: Record<string, number> = {};
  for (const part of formatter(zone).formatToParts(new Date(epochMs))) {
    if (part.type !== "literal") parts[part.type] = Number(part.value);
  }
  return {
    year: parts.year ?? 1970,
    month: parts.month ?? 1,
    day: parts.day ?? 1,
    hour: parts.hour ?? 0,
    minute: parts.minute ?? 0,
    second: parts.second ?? 0,
  };
}

const wallAsUtc = (w: WallTime) => Date.UTC(w.year, w.month - 1, w.day, w.hour, w.minute, w.second);

/** Minutes `zone` is ahead of UTC at `epochMs` (Moscow: 180). */
export function offsetMinutes(epochMs: number, zone: string): number {
  const whole = Math.floor(epochMs / 1000) * 1000;
  return Math.round((wallAsUtc(wallTimeAt(whole, zone)) - whole) / 60_000);
}

/**
 * The instant a wall time denotes in `zone`. Around DST changes: an ambiguous
 * autumn time takes its first occurrence, a spring-forward gap time is read
 * with the offset before the change (02:30 → 03:30), as `Temporal` does.
 */
export function zonedToEpoch(wall: WallTime, zone: string): number {
  const utc = wallAsUtc(wall);
  const day = 86_400_000;
  const before = utc - offsetMinutes(utc - day, zone) * 60_000;
  const after = utc - offsetMinutes(utc + day, zone) * 60_000;
  const valid = [before, after].filter((t) => wallAsUtc(wallTimeAt(t, zone)) === utc);
  return valid.length > 0 ? Math.min(...valid) : before;
}

const pad = (n: number, width = 2) => String(Math.abs(n)).padStart(width, "0");

/** `+03:00`, `-05:00`, `+05:30`. */
export function formatOffset(minutes: number): string {
  const sign = minutes < 0 ? "-" : "+";
  return `${sign}${pad(Math.trunc(Math.abs(minutes) / 60))}:${pad(Math.abs(minutes) % 60)}`;
}

/** `YYYY-MM-DD`. */
export function formatDate(w: Pick<WallTime, "year" | "month" | "day">): string {
  return `${pad(w.year, 4)}-${pad(w.month)}-${pad(w.day)}`;
}

/** `2012-04-23T18:25:43+03:00`: the instant as wall time in `zone` with its offset. */
export function formatInZone(epochMs: number, zone: string): string {
  const w = wallTimeAt(epochMs, zone);
  return `${formatDate(w)}T${pad(w.hour)}:${pad(w.minute)}:${pad(w.second)}${formatOffset(offsetMinutes(epochMs, zone))}`;
}
