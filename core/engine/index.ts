/**
 * `core/engine`: the migration engine (DESIGN.md §1 steps 3–7). Framework-free:
 * it talks to connectors and stores through their ports and reports through
 * callbacks; the worker wires it to BullMQ and the notifications queue.
 * The only public surface of the folder.
 */
export { discover } from "./discover.js";
export type { DiscoverOptions, Discovery } from "./discover.js";
export {
  estimate,
  PLAN_QUOTA_PER_YEAR,
  RATE_UTILISATION,
  SETUP_REQUESTS_PER_ENTITY,
} from "./estimate.js";
export type { Estimate, EstimateInput, EntityEstimate } from "./estimate.js";
export { runMigration } from "./run.js";
export type { RunOptions, RunResult } from "./run.js";
export { runPilot, MAX_PILOT_SIZE } from "./pilot.js";
export type { PilotOptions } from "./pilot.js";
export { rollback } from "./rollback.js";
export type { RollbackOptions } from "./rollback.js";
export { FAILURE_COLUMNS, failuresCsv } from "./report.js";
export type { FailureRow, RecordLink, RunReport } from "./report.js";
export { csvCell, toCsv } from "./csv.js";
export { engineStateSchema, readEngineState } from "./engine-state.js";
export type { EngineState } from "./engine-state.js";
export type { EngineEvent } from "./events.js";
export type { EntityCounts, Phase, ProgressSnapshot } from "./progress.js";
export { originTag } from "./types.js";
export type {
  EngineInput,
  EngineLogger,
  RequestCounts,
  RunMode,
  RunOutcome,
  Side,
} from "./types.js";
