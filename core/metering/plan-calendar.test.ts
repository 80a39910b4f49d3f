import { describe, expect, it } from "vitest";
import { createPlanCalendar } from "./plan-calendar.js";

describe("plan calendar", () => {
  const calendar = createPlanCalendar(
    [
      { name: "december", from: "2026-12-01", to: "2026-12-31", unmetered: true },
      { name: "metered promo", from: "2026-06-01", to: "2026-06-30", unmetered: false },
    ],
    "Europe/Moscow",
  );

  it.each([
    ["2026-05-14T10:00:00Z", "2026", false],
    ["2026-06-15T10:00:00Z", "2026", false],
    ["2026-11-30T20:59:59Z", "2026", false],
    ["2026-11-30T21:00:00Z", "2026", true],
    ["2026-12-31T20:59:59Z", "2026", true],
    ["2026-12-31T21:00:00Z", "2027", false],
  ])("%s → plan year %s, unmetered %s", (iso, period, unmetered) => {
    const ms = Date.parse(iso);
    expect(calendar.periodOf(ms)).toBe(period);
    expect(calendar.isUnmetered(ms)).toBe(unmetered);
  });

  it("reads dates in the given time zone", () => {
    const utc = createPlanCalendar(
      [{ from: "2027-01-01", to: "2027-01-01", unmetered: true }],
      "UTC",
    );
    expect(utc.periodOf(Date.parse("2026-12-31T21:00:00Z"))).toBe("2026");
    expect(utc.isUnmetered(Date.parse("2027-01-01T23:59:59Z"))).toBe(true);
  });
});
