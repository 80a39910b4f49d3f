/** What every part of the store contract shares: the running test's stores, a clock, fixtures. */
import { expect } from "vitest";
import type { ErrorKind, PereezdError } from "../../errors.js";
import { isPereezdError } from "../../errors.js";
import type { NewConnection, NewMigration } from "../ports/index.js";
import type { Stores } from "../stores.js";

/** A clock the test moves by hand, so timestamps and orderings are exact. */
export interface TestClock {
  now: () => Date;
  /** Moves time forward (default one second) and returns the new time. */
  advance: (ms?: number) => Date;
  reset: () => void;
}

export const START = Date.parse("2026-03-02T09:00:00.000Z");

/** A clock starting at `START`. */
export function createTestClock(): TestClock {
  let time = START;
  return {
    now: () => new Date(time),
    advance: (ms = 1000) => {
      time += ms;
      return new Date(time);
    },
    reset: () => {
      time = START;
    },
  };
}

export interface ContractContext {
  /** The stores of the running test (fresh and empty for each test). */
  stores: () => Stores;
  clock: TestClock;
}

/** Awaits `promise` and checks it failed with a `PereezdError` of `kind`. */
export async function expectError(
  promise: Promise<unknown>,
  kind: ErrorKind,
): Promise<PereezdError> {
  const outcome = await promise.then(
    (value: unknown) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  if (outcome.ok) throw new Error(`expected a ${kind} error, but the call succeeded`);
  const { error } = outcome;
  expect(isPereezdError(error, kind), `expected a ${kind} PereezdError, got ${String(error)}`).toBe(
    true,
  );
  return error as PereezdError;
}

/** A sealed secret as core/security/secret-box produces it (not a real one). */
export const sealed = (data = "c2VhbGVk") => ({
  v: 1 as const,
  iv: "aXYtaXYtaXYt",
  tag: "dGFnLXRhZw==",
  data,
});

export const newConnection = (
  customerId: string,
  extra: Partial<NewConnection> = {},
): NewConnection => ({
  customerId,
  system: "bitrix24",
  label: "example.bitrix24.ru",
  secret: sealed(),
  ...extra,
});

export const newMigration = (
  customerId: string,
  extra: Partial<NewMigration> = {},
): NewMigration => ({
  customerId,
  chat: { channel: "telegram", chatId: "1001" },
  sourceConnectionId: "source-connection",
  targetConnectionId: "target-connection",
  route: "bitrix24->bitrix24",
  ...extra,
});
