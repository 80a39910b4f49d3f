/**
 * Request accounting per portal, so tests and benchmarks can check the figures a
 * client reports (HTTP requests, commands, limit hits) against what the portal saw,
 * and measure how much of what each limit allows a client used: every request the
 * rate limit admitted, and per method the operating seconds charged and when it ran.
 */
import type { FaultKind } from "./faults.js";

/** What one method did: runs, operating seconds charged, first and last run. */
export interface MethodUse {
  /** Executions that reached the handler (refused calls are not executions). */
  executions: number;
  /** Simulated seconds charged to the operating budget; 0 while that limit is off. */
  operatingSeconds: number;
  /** Portal clock (epoch ms, real time) when the first execution started. */
  firstMs: number;
  /** Portal clock (epoch ms, real time) when the last execution finished. */
  lastMs: number;
}

/** A method's use, split by the `entityTypeId` its calls named (crm.item.*, crm.category.*). */
export interface MethodActivity extends MethodUse {
  /** Keyed by `entityTypeId`; empty when no call named one. */
  byEntityType: Record<string, MethodUse>;
}

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
  /** Per method name: operating seconds charged and when it first and last ran. */
  methods: Record<string, MethodActivity>;
  /**
   * Portal clock (epoch ms, real time) of every request the request-rate limit
   * admitted (all requests that got that far when the limit is off), in order.
   * Eight bytes a request; `reset()` clears it.
   */
  admittedAtMs: number[];
  /**
   * The portal's time scale: its limits run this many times faster than real time,
   * so a span of `ms` real milliseconds is `ms / 1000 × timeScale` service seconds.
   */
  timeScale: number;
}

/** One finished execution, as `RequestStats.executed` takes it. */
export interface Execution {
  method: string;
  /** `entityTypeId` the call named, if any. */
  entityTypeId: number | undefined;
  startMs: number;
  finishMs: number;
  /** Seconds charged to the operating budget (0 when that limit is off). */
  operatingSeconds: number;
}

/** Counters of a portal nothing has called yet. */
export function emptyStats(): Omit<PortalStats, "timeScale"> {
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
    methods: {},
    admittedAtMs: [],
  };
}

function addUse(use: MethodUse, run: Execution): void {
  use.executions++;
  use.operatingSeconds += run.operatingSeconds;
  use.firstMs = Math.min(use.firstMs, run.startMs);
  use.lastMs = Math.max(use.lastMs, run.finishMs);
}

const fresh = (run: Execution): MethodUse => ({
  executions: 0,
  operatingSeconds: 0,
  firstMs: run.startMs,
  lastMs: run.finishMs,
});

/** Mutable counters; `snapshot()` hands out a copy. */
export class RequestStats {
  private data = emptyStats();

  /** `timeScale` reads the portal's current time scale (it changes with its limits). */
  constructor(private readonly timeScale: () => number = () => 1) {}

  get counters(): Omit<PortalStats, "timeScale"> {
    return this.data;
  }

  /** Count one method execution. */
  command(method: string): void {
    this.data.commands++;
    this.data.byMethod[method] = (this.data.byMethod[method] ?? 0) + 1;
  }

  /** A request the rate limit admitted, at `atMs` on the portal's clock. */
  admitted(atMs: number): void {
    this.data.admittedAtMs.push(atMs);
  }

  /** Record a finished execution: its operating charge and its time. */
  executed(run: Execution): void {
    const activity = (this.data.methods[run.method] ??= { ...fresh(run), byEntityType: {} });
    addUse(activity, run);
    if (run.entityTypeId === undefined) return;
    const key = String(run.entityTypeId);
    addUse((activity.byEntityType[key] ??= fresh(run)), run);
  }

  snapshot(): PortalStats {
    return { ...structuredClone(this.data), timeScale: this.timeScale() };
  }

  reset(): void {
    this.data = emptyStats();
  }
}
