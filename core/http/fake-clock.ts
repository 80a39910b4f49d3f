import { abortReason, type Sleep } from "./sleep.js";

/**
 * A clock for tests: `sleep` moves time forward by what was asked and resolves at
 * once, so rate-limit and retry behaviour is asserted on virtual time, never on
 * wall-clock timing (STYLE.md "Tests"). `sleeps` records every wait.
 */
export interface FakeClock {
  now: () => number;
  sleep: Sleep;
  advance(ms: number): void;
  readonly sleeps: number[];
}

export function createFakeClock(startMs = Date.UTC(2026, 4, 14, 10, 0, 0)): FakeClock {
  let current = startMs;
  const sleeps: number[] = [];
  return {
    now: () => current,
    sleeps,
    advance(ms) {
      current += ms;
    },
    async sleep(ms, signal) {
      if (signal?.aborted) throw abortReason(signal);
      sleeps.push(ms);
      current += Math.max(0, ms);
      // Let other pending promises run, as a real timer would.
      await Promise.resolve();
      if (signal?.aborted) throw abortReason(signal);
    },
  };
}
