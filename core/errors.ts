/**
 * The closed set of failure kinds every layer speaks (STYLE.md, "Errors").
 *
 * A CRM's "no" and a network failure are different kinds: `auth` or
 * `invalid_input` come from the service's answer, `transient` from the wire.
 * Callers switch on `kind`, never on message text.
 */
export type ErrorKind =
  "auth" | "rate_limited" | "transient" | "not_found" | "conflict" | "invalid_input" | "config";

export interface PereezdErrorOptions {
  /** Machine-readable detail, e.g. the CRM's error code (never a secret). */
  code?: string;
  /** For `rate_limited`: how long the service asked us to wait. */
  retryAfterMs?: number;
  /** Where the problem is, e.g. a field path or a portal host. */
  details?: Record<string, unknown>;
  cause?: unknown;
}

/** The one error class of the project; `kind` says what happened. */
export class PereezdError extends Error {
  readonly kind: ErrorKind;
  readonly code: string | undefined;
  readonly retryAfterMs: number | undefined;
  readonly details: Record<string, unknown> | undefined;

  constructor(kind: ErrorKind, message: string, options: PereezdErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = "PereezdError";
    this.kind = kind;
    this.code = options.code;
    this.retryAfterMs = options.retryAfterMs;
    this.details = options.details;
  }
}

export const authError = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("auth", message, options);
export const rateLimited = (message: string, retryAfterMs: number, options?: PereezdErrorOptions) =>
  new PereezdError("rate_limited", message, { ...options, retryAfterMs });
export const transientError = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("transient", message, options);
export const notFound = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("not_found", message, options);
export const conflict = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("conflict", message, options);
export const invalidInput = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("invalid_input", message, options);
export const configError = (message: string, options?: PereezdErrorOptions) =>
  new PereezdError("config", message, options);

export function isPereezdError(error: unknown, kind?: ErrorKind): error is PereezdError {
  return error instanceof PereezdError && (kind === undefined || error.kind === kind);
}
