import { describe, expect, it } from "vitest";
import { ProgressTracker, zeroCounts } from "./progress.js";

describe("progress", () => {
  it("adds in-flight counts to committed ones and derives rates and the ETA", () => {
    let now = 0;
    let requests = { source: 10, target: 20 };
    const tracker = new ProgressTracker(
      { migrationId: "m", runId: "full", mode: "full" },
      () => new Date(now),
      () => requests,
    );
    tracker.setPhase("copy", "companies");
    tracker.commit("companies", { ...zeroCounts(100), written: 20, done: 20 });
    tracker.commit("contacts", zeroCounts(200));
    now = 10_000;
    requests = { source: 12, target: 30 };
    tracker.inFlight("companies", { written: 8, failed: 2 });
    const s = tracker.snapshot();
    expect(s.perEntity.companies).toMatchObject({ total: 100, done: 30, written: 28, failed: 2 });
    expect(s.requests).toEqual({ source: 2, target: 10 });
    expect(s.recordsPerSecond).toBe(1);
    expect(s.requestsPerSecond).toBe(1.2);
    expect(s.etaSeconds).toBe(270);
    expect(s).toMatchObject({
      phase: "copy",
      entity: "companies",
      elapsedSeconds: 10,
      at: "1970-01-01T00:00:10.000Z",
    });
  });

  it("has no ETA while a total is unknown or nothing moved yet", () => {
    const tracker = new ProgressTracker(
      { migrationId: "m", runId: "r", mode: "rollback" },
      () => new Date(0),
    );
    tracker.commit("deals", zeroCounts(null));
    expect(tracker.snapshot()).toMatchObject({
      etaSeconds: null,
      requests: null,
      requestsPerSecond: null,
    });
  });
});
