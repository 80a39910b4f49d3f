import { describe, expect, it } from "vitest";
import {
  PereezdError,
  authError,
  configError,
  conflict,
  invalidInput,
  notFound,
  rateLimited,
  transientError,
} from "../errors.js";
import { createFakeClock } from "./fake-clock.js";
import {
  CONNECT_FAILED,
  retryPolicy,
  withRetry,
  type RetryDecision,
  type RetryPolicyOptions,
} from "./retry-policy.js";

const low = { random: () => 0 };
const high = { random: () => 0.999 };
const abort = new DOMException("stopped", "AbortError");

describe("retryPolicy", () => {
  const cases: Array<[string, unknown, number, RetryPolicyOptions, RetryDecision]> = [
    [
      "rate_limited waits what it was told",
      rateLimited("429", 2_000),
      1,
      low,
      { retry: true, afterMs: 2_000 },
    ],
    [
      "rate_limited adds at most 10 % jitter",
      rateLimited("429", 2_000),
      1,
      high,
      { retry: true, afterMs: 2_200 },
    ],
    [
      "rate_limited without a wait backs off",
      new PereezdError("rate_limited", "503"),
      2,
      low,
      { retry: true, afterMs: 500 },
    ],
    [
      "rate_limited beyond the short-wait cap goes to the job layer",
      rateLimited("429", 300_000),
      1,
      low,
      { retry: false },
    ],
    [
      "rate_limited cap is configurable",
      rateLimited("429", 90_000),
      1,
      { ...low, maxRateLimitWaitMs: 120_000 },
      { retry: true, afterMs: 90_000 },
    ],
    [
      "transient 1st attempt: 500 ms ceiling, equal jitter low",
      transientError("5xx"),
      1,
      low,
      { retry: true, afterMs: 250 },
    ],
    [
      "transient 1st attempt: equal jitter high",
      transientError("5xx"),
      1,
      high,
      { retry: true, afterMs: 500 },
    ],
    [
      "transient 3rd attempt doubles twice",
      transientError("5xx"),
      3,
      low,
      { retry: true, afterMs: 1_000 },
    ],
    [
      "transient 5th attempt: 8 s ceiling",
      transientError("5xx"),
      5,
      { ...high, maxAttempts: 10 },
      { retry: true, afterMs: 7_996 },
    ],
    [
      "transient ceiling is capped at 30 s",
      transientError("5xx"),
      9,
      { ...high, maxAttempts: 10 },
      { retry: true, afterMs: 29_985 },
    ],
    ["transient gives up at maxAttempts", transientError("5xx"), 6, low, { retry: false }],
    [
      "transient non-idempotent: no retry",
      transientError("timeout", { code: "timeout" }),
      1,
      { ...low, idempotent: false },
      { retry: false },
    ],
    [
      "transient non-idempotent connect failure: retry",
      transientError("refused", { code: CONNECT_FAILED }),
      1,
      { ...low, idempotent: false },
      { retry: true, afterMs: 250 },
    ],
    [
      "rate_limited non-idempotent: retry (not executed)",
      rateLimited("503", 1_000),
      1,
      { ...low, idempotent: false },
      { retry: true, afterMs: 1_000 },
    ],
    ["auth never", authError("401"), 1, low, { retry: false }],
    ["invalid_input never", invalidInput("400"), 1, low, { retry: false }],
    ["config never", configError("bad"), 1, low, { retry: false }],
    ["not_found never", notFound("404"), 1, low, { retry: false }],
    ["conflict never", conflict("409"), 1, low, { retry: false }],
    ["abort never", abort, 1, low, { retry: false }],
    ["unknown errors never", new TypeError("x is undefined"), 1, low, { retry: false }],
  ];

  it.each(cases)("%s", (_name, error, attempt, options, expected) => {
    expect(retryPolicy(error, attempt, options)).toEqual(expected);
  });
});

describe("withRetry", () => {
  it("retries until success, sleeping what the policy says", async () => {
    const clock = createFakeClock();
    const seen: number[] = [];
    const result = await withRetry(
      async (attempt) => {
        if (attempt < 3) throw transientError("flaky");
        return "ok";
      },
      {
        policy: (e, n) => retryPolicy(e, n, low),
        sleep: clock.sleep,
        onRetry: (r) => seen.push(r.attempt),
      },
    );
    expect(result).toBe("ok");
    expect(clock.sleeps).toEqual([250, 500]);
    expect(seen).toEqual([1, 2]);
  });

  it("rethrows the last error untouched when the policy gives up", async () => {
    const clock = createFakeClock();
    const error = authError("nope");
    await expect(
      withRetry(() => Promise.reject(error), {
        policy: (e, n) => retryPolicy(e, n),
        sleep: clock.sleep,
      }),
    ).rejects.toBe(error);
    expect(clock.sleeps).toEqual([]);
  });

  it("stops at once with the caller's reason when aborted, even between attempts", async () => {
    const clock = createFakeClock();
    const controller = new AbortController();
    const reason = new DOMException("paused", "AbortError");
    let calls = 0;
    const run = withRetry(
      async () => {
        calls++;
        controller.abort(reason);
        throw transientError("flaky");
      },
      { policy: (e, n) => retryPolicy(e, n), sleep: clock.sleep, signal: controller.signal },
    );
    await expect(run).rejects.toBeInstanceOf(PereezdError);
    expect(calls).toBe(1);
    await expect(
      withRetry(async () => "never", {
        policy: () => ({ retry: false }),
        sleep: clock.sleep,
        signal: controller.signal,
      }),
    ).rejects.toBe(reason);
  });
});
