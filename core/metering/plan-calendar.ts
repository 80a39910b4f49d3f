/**
 * Which plan year a call belongs to and whether a promotion window covers it.
 *
 * Windows come from the `PROMOTION_WINDOWS` setting (`config/env.ts`) as calendar
 * dates, both ends inclusive (`{ from: "2026-12-01", to: "2026-12-31" }` is all of
 * December), read in the operator's time zone (`TIME_ZONE`, Europe/Moscow by default),
 * so "December" means the customer's December, not UTC's.
 */
export interface PromotionWindow {
  name?: string;
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** Last day, `YYYY-MM-DD`, inclusive. */
  to: string;
  unmetered: boolean;
}

export interface PlanCalendar {
  /** Plan year of an instant: its calendar year in the time zone, e.g. `"2026"`. */
  periodOf(atMs: number): string;
  /** True when an unmetered promotion window covers the instant. */
  isUnmetered(atMs: number): boolean;
}

export function createPlanCalendar(
  windows: readonly PromotionWindow[] = [],
  timeZone = "Europe/Moscow",
): PlanCalendar {
  // en-CA formats as YYYY-MM-DD, which compares correctly as a string.
  const format = new Intl.DateTimeFormat("en-CA", {
    timeZone,
    year: "numeric",
    month: "2-digit",
    day: "2-digit",
  });
  const dayOf = (atMs: number) => format.format(new Date(atMs));
  const unmetered = windows.filter((w) => w.unmetered);
  return {
    periodOf: (atMs) => dayOf(atMs).slice(0, 4),
    isUnmetered(atMs) {
      if (unmetered.length === 0) return false;
      const day = dayOf(atMs);
      return unmetered.some((w) => w.from <= day && day <= w.to);
    },
  };
}
