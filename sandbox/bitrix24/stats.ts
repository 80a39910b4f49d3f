/**
 * Request accounting per portal, so tests and benchmarks can check the figures a
 * client reports (HTTP requests, commands, limit hits) against what the portal saw.
 */
import type { FaultKind } from "./faults.js";

/** A snapshot of one portal's counters. */
export interface PortalStats {
  /** Every HTTP request to `/rest/…`, refused ones included. */
  httpRequests: number;
  /** HTTP requests whose method was `batch`. */
  batchRequests: number;
  /** Method executions: one per plain call, one per batch command that reached its method. */
  commands: number;
  /** Executions per method name. */
  byMethod: Record<string, number>;
  /** 503 `QUERY_LIMIT_EXCEEDED` answers. */
  queryLimitRejections: number;
  /** 429 `OPERATION_TIME_LIMIT` refusals, batch commands included. */
  operatingRejections: number;
  /** 401/403 answers to top-level calls: credentials, scope, auth type, access. */
  authRejections: number;
  /** Injected faults by kind. */
  faults: Record<FaultKind, number>;
  /** Requests to `/oauth/token/`. */
  tokenRequests: number;
}

function empty(): PortalStats {
  return {
    httpRequests: 0,
    batchRequests: 0,
    commands: 0,
    byMethod: {},
    queryLimitRejections: 0,
    operatingRejections: 0,
    authRejections: 0,
    faults: { "500": 0, "503": 0, drop: 0, slow: 0 },
    tokenRequests: 0,
  };
}

/** Mutable counters; `snapshot()` hands out a copy. */
export class RequestStats {
  private data = empty();

  get counters(): PortalStats {
    return this.data;
  }

  /** Count one method execution. */
  command(method: string): void {
    this.data.commands++;
    this.data.byMethod[method] = (this.data.byMethod[method] ?? 0) + 1;
  }

  snapshot(): PortalStats {
    return structuredClone(this.data);
  }

  reset(): void {
    this.data = empty();
  }
}
