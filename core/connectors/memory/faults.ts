/**
 * Failures a test injects into the in-memory CRM: a request that fails after
 * N good ones (optionally after the CRM already applied it, as when the answer
 * is lost on the way back), and revoked credentials. This is how the engine's
 * crash, retry and auth paths are exercised without a network.
 */
import { authError, transientError, type PereezdError } from "../../errors.js";

/** The requests of the connector port, as the fault plan names them. */
export type MemoryOperation =
  | "check"
  | "describe"
  | "count"
  | "read"
  | "readByIds"
  | "write"
  | "ensureFields"
  | "ensureItems"
  | "findByOrigin"
  | "remove"
  | "listUsers";

export interface FaultOptions {
  /** Requests of this operation that still succeed before the failure; default 0 (the next one fails). */
  after?: number;
  /** Default: `transient` "connection reset". */
  error?: PereezdError;
  /** Writes and removals: apply the request, then fail (the answer is lost); default false. */
  applied?: boolean;
  /** How many requests fail in a row; default 1. */
  times?: number;
}

interface FaultRule {
  operation: MemoryOperation;
  remainingGood: number;
  remainingFailures: number;
  error: PereezdError;
  applied: boolean;
}

/** The verdict for one request: fail before doing anything, or after doing it. */
export interface FaultVerdict {
  before?: PereezdError;
  after?: PereezdError;
}

export class MemoryFaults {
  #rules: FaultRule[] = [];
  #revoked = false;

  /** Makes a later request of `operation` fail. */
  fail(operation: MemoryOperation, options: FaultOptions = {}): void {
    this.#rules.push({
      operation,
      remainingGood: options.after ?? 0,
      remainingFailures: options.times ?? 1,
      error:
        options.error ??
        transientError("Connection reset by the memory CRM", { code: "ECONNRESET" }),
      applied: options.applied ?? false,
    });
  }

  /** Every request fails with `auth` until `restoreAuth`, as after a revoked webhook. */
  revokeAuth(): void {
    this.#revoked = true;
  }

  restoreAuth(): void {
    this.#revoked = false;
  }

  /** Forgets every planned failure and restores auth. */
  clear(): void {
    this.#rules = [];
    this.#revoked = false;
  }

  /** Called once per request; consumes the matching rule's budget. */
  verdict(operation: MemoryOperation): FaultVerdict {
    if (this.#revoked) {
      return {
        before: authError("The access token of the memory CRM was revoked", {
          code: "invalid_token",
        }),
      };
    }
    const rule = this.#rules.find((r) => r.operation === operation && r.remainingFailures > 0);
    if (!rule) return {};
    if (rule.remainingGood > 0) {
      rule.remainingGood -= 1;
      return {};
    }
    rule.remainingFailures -= 1;
    return rule.applied ? { after: rule.error } : { before: rule.error };
  }
}
