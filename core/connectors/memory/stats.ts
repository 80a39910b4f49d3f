/** The in-memory CRM's request counter: what a real service would have been sent. */
import type { MemoryOperation } from "./faults.js";

/** Requests the connector sent, in total and per operation. */
export class MemoryStats {
  requests = 0;
  readonly byOperation: Partial<Record<MemoryOperation, number>> = {};

  add(operation: MemoryOperation, n = 1): void {
    this.requests += n;
    this.byOperation[operation] = (this.byOperation[operation] ?? 0) + n;
  }
}
