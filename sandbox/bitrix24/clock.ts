/**
 * Time for the sandbox: every expiry, limit and `time` block reads `now()` from an
 * injected clock, so tests move time instead of sleeping.
 */

/** Milliseconds since the Unix epoch. */
export interface Clock {
  now(): number;
}

/** Waits (real or simulated); used by the "slow" fault. */
export type Sleep = (ms: number) => Promise<void>;

/** The machine's clock. */
export const systemClock: Clock = { now: () => Date.now() };

/** A real `setTimeout` wait. */
export const realSleep: Sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

/** A clock that moves only when told to; `sleep` on it advances it at once. */
export interface FakeClock extends Clock {
  advance(ms: number): void;
  set(ms: number): void;
  sleep: Sleep;
}

/** Fake clock for tests; starts at a fixed, readable instant unless given one. */
export function createFakeClock(startMs = Date.UTC(2026, 0, 15, 9, 0, 0)): FakeClock {
  let current = startMs;
  return {
    now: () => current,
    advance: (ms) => {
      current += ms;
    },
    set: (ms) => {
      current = ms;
    },
    sleep: async (ms) => {
      current += ms;
    },
  };
}

/**
 * PHP `date('c')` in a fixed offset: `2026-01-15T12:00:00+03:00`. `offset` is the
 * portal's `timeZone` (`+03:00`, `-05:30`, `Z`).
 */
export function formatDateC(ms: number, offset: string): string {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(offset);
  const sign = match?.[1] === "-" ? -1 : 1;
  const minutes = match ? sign * (Number(match[2]) * 60 + Number(match[3])) : 0;
  const local = new Date(Math.floor(ms / 1000) * 1000 + minutes * 60_000);
  const suffix = match ? `${match[1]}${match[2]}:${match[3]}` : "+00:00";
  return `${local.toISOString().slice(0, 19)}${suffix}`;
}
