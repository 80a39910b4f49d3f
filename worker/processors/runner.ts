/**
 * The seam between the worker and the migration engine: the processors only know
 * this interface, so they are tested with a fake and wired to `core/engine` in one
 * place (`worker/engine-runner.ts`).
 */
import type { Migration } from "../../core/store/index.js";
import type {
  MigrationJobData,
  MigrationJobName,
  MigrationReport,
  ProgressSnapshot,
} from "../jobs.js";

/**
 * How a step ended. `aborted`: the signal fired and the engine saved its checkpoint;
 * `quota_reached`: the customer's yearly call quota is used up (the migration pauses,
 * never fails, DESIGN.md §1.9).
 */
export type RunnerOutcome = "completed" | "aborted" | "quota_reached";

export interface RunnerResult {
  outcome: RunnerOutcome;
  /** Totals and failures; for pilot, run, delta (also when aborted, for a cancel report). */
  report?: MigrationReport;
  /** Step result for the bot: discovery counts, the estimate (JSON-safe). */
  details?: unknown;
}

/**
 * Runs one step of a migration. Must honour `signal` (return `aborted` after saving
 * a checkpoint, or throw the signal's reason), report progress through `onProgress`
 * (cheap: the caller throttles), and throw `PereezdError`s by kind.
 */
export type MigrationRunner = (
  kind: MigrationJobName,
  migration: Migration,
  signal: AbortSignal,
  onProgress: (snapshot: ProgressSnapshot) => void,
  request: MigrationJobData,
) => Promise<RunnerResult>;
