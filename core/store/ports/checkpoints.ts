/**
 * Checkpoints: where a run stands per (migration, entity, phase), so it resumes
 * from the last saved cursor after any crash. Written by the engine only.
 */

/** The phase used when none is given. */
export const DEFAULT_PHASE = "copy";

export interface Checkpoint {
  migrationId: string;
  entity: string;
  /** Pass over the entity, e.g. "copy" or "links"; default `DEFAULT_PHASE`. */
  phase: string;
  /** Connector cursor to resume reading from; null before the first page. */
  cursor: string | null;
  read: number;
  written: number;
  failed: number;
  skipped: number;
  /** Records the source reported, if known. */
  total: number | null;
  done: boolean;
  updatedAt: Date;
}

/** What `save` takes: the whole state; `updatedAt` is set by the store. */
export type CheckpointInput = Omit<Checkpoint, "phase" | "updatedAt"> & { phase?: string };

/** Checkpoints, unique per (migrationId, entity, phase). */
export interface CheckpointRepository {
  /** The checkpoint, or null if the entity was never started. */
  get(migrationId: string, entity: string, phase?: string): Promise<Checkpoint | null>;
  /** Creates or fully replaces the checkpoint (cursor and every counter). */
  save(checkpoint: CheckpointInput): Promise<Checkpoint>;
  /** A migration's checkpoints ordered by entity, then phase (callers reorder by plan). */
  listByMigration(migrationId: string): Promise<Checkpoint[]>;
  /** Removes a migration's checkpoints, e.g. after a pilot rollback; returns how many. */
  deleteByMigration(migrationId: string): Promise<number>;
}
