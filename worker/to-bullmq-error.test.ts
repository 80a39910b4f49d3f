import { DelayedError, UnrecoverableError } from "bullmq";
import { describe, expect, it, vi } from "vitest";
import { PereezdError, type ErrorKind } from "../core/errors.js";
import { dispositionOf, requeue, toBullmqError } from "./to-bullmq-error.js";

describe("dispositionOf", () => {
  const cases: Array<[string, unknown, ReturnType<typeof dispositionOf>]> = [
    ["auth fails at once", new PereezdError("auth", "revoked"), { action: "fail" }],
    ["invalid_input fails at once", new PereezdError("invalid_input", "bad"), { action: "fail" }],
    ["config fails at once", new PereezdError("config", "bad"), { action: "fail" }],
    ["not_found fails at once", new PereezdError("not_found", "gone"), { action: "fail" }],
    ["transient is retried", new PereezdError("transient", "net"), { action: "retry" }],
    ["conflict is retried", new PereezdError("conflict", "race"), { action: "retry" }],
    ["an unknown error is retried", new Error("boom"), { action: "retry" }],
    [
      "rate_limited waits as asked",
      new PereezdError("rate_limited", "429", { retryAfterMs: 7_000 }),
      { action: "wait", delayMs: 7_000 },
    ],
    [
      "rate_limited waits at least 1 s",
      new PereezdError("rate_limited", "429", { retryAfterMs: 10 }),
      { action: "wait", delayMs: 1_000 },
    ],
    [
      "rate_limited without a hint waits 30 s",
      new PereezdError("rate_limited", "429"),
      { action: "wait", delayMs: 30_000 },
    ],
    [
      "rate_limited waits at most 1 h",
      new PereezdError("rate_limited", "429", { retryAfterMs: 9e9 }),
      { action: "wait", delayMs: 3_600_000 },
    ],
  ];
  it.each(cases)("%s", (_name, error, expected) => {
    expect(dispositionOf(error)).toEqual(expected);
  });
});

describe("toBullmqError", () => {
  const job = () => ({ moveToDelayed: vi.fn(async () => undefined) });

  it("moves a rate-limited job to delayed and returns a DelayedError", async () => {
    const j = job();
    const error = await toBullmqError(
      new PereezdError("rate_limited", "slow down", { retryAfterMs: 5_000 }),
      j,
      "tok",
      () => 1_000,
    );
    expect(error).toBeInstanceOf(DelayedError);
    expect(j.moveToDelayed).toHaveBeenCalledWith(6_000, "tok");
  });

  it.each<ErrorKind>(["auth", "invalid_input", "config", "not_found"])(
    "%s becomes UnrecoverableError",
    async (kind) => {
      const j = job();
      const error = await toBullmqError(new PereezdError(kind, "no"), j, "tok");
      expect(error).toBeInstanceOf(UnrecoverableError);
      expect(error.message).toBe("no");
      expect(j.moveToDelayed).not.toHaveBeenCalled();
    },
  );

  it("rethrows a transient error as it is", async () => {
    const original = new PereezdError("transient", "net");
    expect(await toBullmqError(original, job(), "tok")).toBe(original);
  });

  it("requeue moves the job to run again now", async () => {
    const j = job();
    expect(await requeue(j, "tok", () => 42)).toBeInstanceOf(DelayedError);
    expect(j.moveToDelayed).toHaveBeenCalledWith(42, "tok");
  });
});
