import { inspect } from "node:util";

/** What every redacted value is replaced with, in logs, errors and chat echoes. */
export const REDACTED = "***";

/**
 * A credential that can only be read on purpose, with `reveal()`.
 *
 * Why: a webhook URL or token held as a plain string leaks the first time someone
 * logs the object that carries it. A `Secret` prints `***` through `String()`,
 * template literals, `JSON.stringify`, `console.log` and pino, so a leak needs an
 * explicit `reveal()` that a reviewer can grep for (DESIGN.md §6).
 */
export class Secret {
  readonly #value: string;

  constructor(value: string) {
    this.#value = value;
  }

  /** The raw value; call it only where the secret goes onto the wire. */
  reveal(): string {
    return this.#value;
  }

  toString(): string {
    return REDACTED;
  }

  toJSON(): string {
    return REDACTED;
  }

  [Symbol.toPrimitive](): string {
    return REDACTED;
  }

  [inspect.custom](): string {
    return REDACTED;
  }
}

/** True for a `Secret`; lets redaction and zod refinements recognise it. */
export function isSecret(value: unknown): value is Secret {
  return value instanceof Secret;
}
