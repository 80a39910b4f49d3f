/**
 * What every engine entry point takes and returns. The engine is
 * framework-free: the worker wires real connectors, stores, a quota gate and
 * request counters; tests wire the memory connector and memory stores.
 */
import type { Connector } from "../connectors/connector.js";
import type { Logger } from "../logger.js";
import type { Migration } from "../store/ports/index.js";
import type { Stores } from "../store/stores.js";
import type { EngineEvent } from "./events.js";
import type { ProgressSnapshot } from "./progress.js";

/** Which CRM of the migration an error or a request belongs to. */
export type Side = "source" | "target";

/** What a run does: the full copy, a delta after it, a pilot sample, or a rollback. */
export type RunMode = "full" | "delta" | "pilot" | "rollback";

/**
 * How a run ended without an error: all done, stopped by the signal (the
 * caller knows whether it meant pause or cancel), or stopped at the plan's
 * quota (a pause, never a failure). Errors are thrown (see `run.ts`).
 */
export type RunOutcome = "completed" | "aborted" | "quota_reached";

/** Why a run stopped between two chunks. */
export type StopReason = Exclude<RunOutcome, "completed">;

/** The part of the project logger the engine uses. */
export type EngineLogger = Pick<Logger, "debug" | "info" | "warn">;

/** Requests sent so far to each side (the meter's counters). */
export interface RequestCounts {
  source: number;
  target: number;
}

export interface EngineInput {
  /** The migration as stored: entities, confirmed mapping, engine state in `options.engine`. */
  migration: Migration;
  source: Connector;
  target: Connector;
  stores: Stores;
  /** Checked between chunks; aborting it pauses or cancels the run cleanly. */
  signal: AbortSignal;
  now: () => Date;
  logger?: EngineLogger;
  /** A snapshot after every chunk; the caller throttles what it shows. */
  onProgress?: (snapshot: ProgressSnapshot) => void;
  /** Things worth telling the user at once: fields or items created, failures, recoveries. */
  onEvent?: (event: EngineEvent) => void;
  /** The plan's remaining API calls; at zero the run stops with `quota_reached`. */
  quota?: { remaining(): Promise<number> };
  /** Requests counted by the meter so far, for progress and the report. */
  requestStats?: () => RequestCounts;
}

/** The origin tag stamped on every record a migration creates (ORIGINATOR_ID in Bitrix24). */
export const originTag = (migrationId: string): string => `pereezd:${migrationId}`;
