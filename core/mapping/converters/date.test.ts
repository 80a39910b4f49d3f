import { describe, expect, it } from "vitest";
import { convertDate, convertDateTime, parseDateInput } from "./date.js";
import { valueContext } from "./test-context.js";
import { formatInZone, offsetMinutes, zonedToEpoch } from "./time-zone.js";

const zones = (source: string, target: string) =>
  valueContext("datetime", { timeZones: { source, target } });
const datetime = { kind: "datetime" } as const;
const date = { kind: "date" } as const;

describe("time zones with Intl", () => {
  it.each([
    ["Europe/Moscow", Date.UTC(2012, 3, 23), 240], // Moscow was UTC+4 in 2011–2014
    ["Europe/Moscow", Date.UTC(2024, 0, 1), 180],
    ["Asia/Yekaterinburg", Date.UTC(2024, 0, 1), 300],
    ["Europe/Berlin", Date.UTC(2024, 6, 1), 120],
    ["America/New_York", Date.UTC(2024, 0, 1), -300],
    ["UTC", Date.UTC(2024, 0, 1), 0],
  ])("%s at %d is %d minutes ahead", (zone, at, minutes) => {
    expect(offsetMinutes(at, zone)).toBe(minutes);
  });

  it("formats an instant with the zone's offset", () => {
    expect(formatInZone(Date.UTC(2024, 3, 23, 15, 25, 43), "Europe/Moscow")).toBe(
      "2024-04-23T18:25:43+03:00",
    );
    expect(formatInZone(Date.UTC(2024, 0, 1, 5), "America/New_York")).toBe(
      "2024-01-01T00:00:00-05:00",
    );
  });

  it("takes the first of an ambiguous autumn time and moves a spring gap time forward", () => {
    const wall = { year: 2024, month: 10, day: 27, hour: 2, minute: 30, second: 0 };
    expect(new Date(zonedToEpoch(wall, "Europe/Berlin")).toISOString()).toBe(
      "2024-10-27T00:30:00.000Z",
    );
    const gap = { year: 2024, month: 3, day: 31, hour: 2, minute: 30, second: 0 };
    expect(formatInZone(zonedToEpoch(gap, "Europe/Berlin"), "Europe/Berlin")).toBe(
      "2024-03-31T03:30:00+02:00",
    );
  });
});

describe("parseDateInput", () => {
  it.each([
    [
      "2012-04-23",
      {
        kind: "wall",
        hasTime: false,
        wall: { year: 2012, month: 4, day: 23, hour: 0, minute: 0, second: 0 },
      },
    ],
    [
      "23.04.2012 18:25:43",
      {
        kind: "wall",
        hasTime: true,
        wall: { year: 2012, month: 4, day: 23, hour: 18, minute: 25, second: 43 },
      },
    ],
    ["2012-04-23T18:25:43+03:00", { kind: "instant", epochMs: Date.UTC(2012, 3, 23, 15, 25, 43) }],
    ["2012-04-23T18:25:43.123Z", { kind: "instant", epochMs: Date.UTC(2012, 3, 23, 18, 25, 43) }],
    ["2012-04-23T18:25:43+0530", { kind: "instant", epochMs: Date.UTC(2012, 3, 23, 12, 55, 43) }],
    [1335194743, { kind: "instant", epochMs: 1335194743000 }],
    ["1335194743", { kind: "instant", epochMs: 1335194743000 }],
  ] as const)("%j", (input, parsed) => {
    expect(parseDateInput(input)).toEqual(parsed);
  });

  it.each(["31.02.2012", "2012-13-01", "23.04.2012 25:00", "вчера", "", "12345678", true])(
    "rejects %j",
    (input) => {
      expect(parseDateInput(input)).toBeNull();
    },
  );

  it("reads US dates only when told, and milliseconds only when told", () => {
    expect(parseDateInput("04/23/2012")).toBeNull();
    expect(parseDateInput("04/23/2012", ["mdy"])).toMatchObject({ wall: { month: 4, day: 23 } });
    expect(parseDateInput(1335194743000)).toBeNull();
    expect(parseDateInput(1335194743000, ["unix_ms"])).toEqual({
      kind: "instant",
      epochMs: 1335194743000,
    });
  });
});

describe("convertDateTime", () => {
  it.each([
    // naive times are read in the source zone, written with the target's offset
    ["2024-04-23 18:25", "Europe/Moscow", "Europe/Moscow", "2024-04-23T18:25:00+03:00"],
    ["23.04.2024 18:25:43", "Asia/Yekaterinburg", "Europe/Moscow", "2024-04-23T16:25:43+03:00"],
    ["23.04.2024", "Europe/Moscow", "Asia/Yekaterinburg", "2024-04-23T02:00:00+05:00"],
    // an explicit offset wins over the source zone
    [
      "2024-04-23T18:25:43+00:00",
      "Asia/Yekaterinburg",
      "Europe/Moscow",
      "2024-04-23T21:25:43+03:00",
    ],
    // amoCRM: Unix seconds
    [1713885943, "Europe/Moscow", "Europe/Moscow", "2024-04-23T18:25:43+03:00"],
    ["2024-07-01T12:00:00", "Europe/Berlin", "Europe/Berlin", "2024-07-01T12:00:00+02:00"],
  ] as const)("%j from %s to %s", (input, source, target, out) => {
    expect(convertDateTime(datetime, input, zones(source, target))).toEqual({
      values: [out],
      issues: [],
    });
  });

  it("converter zones override the mapping's", () => {
    const conv = {
      kind: "datetime",
      sourceTimeZone: "UTC",
      targetTimeZone: "Europe/Moscow",
    } as const;
    expect(
      convertDateTime(conv, "2024-01-01 00:00", zones("Asia/Tokyo", "Asia/Tokyo")).values,
    ).toEqual(["2024-01-01T03:00:00+03:00"]);
  });

  it("drops what is not a date", () => {
    expect(convertDateTime(datetime, "скоро", zones("UTC", "UTC"))).toEqual({
      values: [],
      issues: [{ code: "bad_date", params: { value: "скоро" } }],
    });
  });
});

describe("convertDate", () => {
  it.each([
    ["2012-04-23", "Europe/Moscow", "2012-04-23"],
    ["23.04.2012", "Europe/Moscow", "2012-04-23"],
    ["23/04/2012", "Europe/Moscow", "2012-04-23"],
    ["2012-04-23T18:25:43+03:00", "Europe/Moscow", "2012-04-23"],
    // an instant is the calendar day the source saw: 22:00 UTC is already the 24th in Yekaterinburg
    ["2012-04-23T22:00:00Z", "Asia/Yekaterinburg", "2012-04-24"],
    // amoCRM birthday stored as local midnight in Unix seconds
    [Date.UTC(1990, 4, 14, -3) / 1000, "Europe/Moscow", "1990-05-14"],
  ] as const)("%j in %s", (input, source, out) => {
    expect(convertDate(date, input, zones(source, "UTC"))).toEqual({ values: [out], issues: [] });
  });
});
