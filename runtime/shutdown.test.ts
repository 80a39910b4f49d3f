import { describe, expect, it, vi } from "vitest";
import { silentLogger } from "../core/logger.js";
import { installShutdown, startDeadline, withDeadline } from "./shutdown.js";

describe("shutdown helpers", () => {
  it("withDeadline returns the value in time, or the fallback after the deadline", async () => {
    expect(await withDeadline(Promise.resolve("done"), 1_000, () => "late")).toBe("done");
    expect(await withDeadline(new Promise(() => undefined), 10, () => "late")).toBe("late");
  });

  it("a deadline counts down on the given clock", () => {
    let now = 1_000;
    const d = startDeadline(500, () => now);
    expect(d.remainingMs()).toBe(500);
    now = 1_400;
    expect(d.remainingMs()).toBe(100);
    expect(d.expired()).toBe(false);
    now = 1_600;
    expect(d.remainingMs()).toBe(0);
    expect(d.expired()).toBe(true);
  });

  it("runs stop once on a signal, then exits 0", async () => {
    const exit = vi.fn();
    const stop = vi.fn(async () => undefined);
    const trigger = installShutdown({
      stop,
      deadlineMs: 1_000,
      logger: silentLogger(),
      exit,
      signals: [],
    });
    await Promise.all([trigger("test"), trigger("again")]);
    expect(stop).toHaveBeenCalledTimes(1);
    expect(exit).toHaveBeenCalledWith(0);
  });

  it("exits even when a stop step throws", async () => {
    const exit = vi.fn();
    const trigger = installShutdown({
      stop: () => Promise.reject(new Error("x")),
      deadlineMs: 1_000,
      logger: silentLogger(),
      exit,
      signals: [],
    });
    await trigger("test");
    expect(exit).toHaveBeenCalledWith(0);
  });
});
