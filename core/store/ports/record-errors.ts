/**
 * Per-record errors of a migration, one per (migration, entity, source id):
 * the latest failure and how many attempts failed. They feed the error CSV of
 * the final report and are cleared when the record finally goes through.
 */
import type { ErrorKind } from "../../errors.js";

export interface RecordErrorInput {
  migrationId: string;
  entity: string;
  sourceId: string;
  kind: ErrorKind;
  /** The CRM's or mapper's code, if any. */
  code?: string;
  /** Already redacted text; the store does not redact. */
  message: string;
  /** Field path the problem is at, e.g. "fields.PHONE[0]". */
  path?: string;
}

export interface RecordError extends RecordErrorInput {
  /** Opaque, stable id; the paging cursor of `list`. */
  id: string;
  /** Failed attempts so far, starting at 1. */
  attempts: number;
  firstAt: Date;
  /** When the latest failure was recorded. */
  at: Date;
}

export interface RecordErrorListOptions {
  entity?: string;
  limit: number;
  /** `id` of the last error of the previous page. */
  after?: string;
}

/** Record errors, unique per (migrationId, entity, sourceId). */
export interface RecordErrorRepository {
  /** Stores the latest failure (replacing kind, code, message, path) and adds one attempt. */
  record(error: RecordErrorInput): Promise<RecordError>;
  /** Forgets the record's error once it went through; false if there was none. */
  clear(migrationId: string, entity: string, sourceId: string): Promise<boolean>;
  /** One page ordered by `id`: stable for paging, not chronological. */
  list(migrationId: string, options: RecordErrorListOptions): Promise<RecordError[]>;
  /** How many records of a migration (or one entity) currently have an error. */
  count(migrationId: string, entity?: string): Promise<number>;
  /** Removes a migration's errors, e.g. after a pilot rollback; returns how many. */
  deleteByMigration(migrationId: string): Promise<number>;
}
