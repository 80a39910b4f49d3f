/** Input checks at the store boundary: bad data becomes `invalid_input`, never a stored record. */
import type { z } from "zod";
import { invalidInput } from "../../errors.js";

/** Parses `value` with `schema`; `invalid_input` lists every problem with its path. */
export function parseInput<S extends z.ZodType>(
  schema: S,
  value: unknown,
  what: string,
): z.output<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((issue) => ({
    path: issue.path.map(String).join("."),
    message: issue.message,
  }));
  const summary = issues.map((i) => (i.path ? `${i.path}: ${i.message}` : i.message)).join("; ");
  throw invalidInput(`Invalid ${what}: ${summary}`, {
    code: "store_validation",
    details: { issues },
  });
}

/** Checks a limit option: a positive integer. */
export function checkLimit(limit: number | undefined): void {
  if (limit !== undefined && (!Number.isInteger(limit) || limit < 1)) {
    throw invalidInput(`Invalid limit: expected a positive integer, got ${limit}`, {
      code: "store_validation",
    });
  }
}
