/**
 * What one HTTP request to a CRM costs, as the HTTP client reports it to the meter.
 * Kept apart from the meter so `core/http` depends on this small type only.
 */

/** `setup`: custom fields, list items, pipelines; `read`/`write`: the records themselves. */
export type CallKind = "read" | "write" | "setup";

export interface CallUsage {
  kind: CallKind;
  /** API commands the request carried: 1, or the number of commands in a batch. */
  commands?: number;
}

/** A meter bound to one migration: the HTTP client calls it once per request answered. */
export interface RequestMeter {
  record(usage: CallUsage): void;
}
