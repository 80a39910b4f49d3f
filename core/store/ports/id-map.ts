/**
 * The id map: (migration, entity, source id) → target id, unique per key.
 *
 * References are rewritten through it, and a source record already in it is
 * never written twice. Every entry gets `seq`, a number increasing per migration
 * in insertion order: paging and rollback (newest first) follow it, so the
 * order never depends on clocks or on id formats.
 */

export interface IdMapKey {
  migrationId: string;
  entity: string;
  sourceId: string;
}

export interface IdMapEntryInput extends IdMapKey {
  targetId: string;
  /** The run that created the target record, e.g. to roll back a pilot. */
  runId?: string;
}

export interface IdMapEntry extends IdMapEntryInput {
  /** Insertion order within the migration, starting at 1; gaps are possible. */
  seq: number;
  createdAt: Date;
}

/** A source id already mapped to a different target id. */
export interface IdMapConflict extends IdMapKey {
  targetId: string;
  existingTargetId: string;
}

export interface IdMapPutManyResult {
  /** Entries stored now. */
  inserted: number;
  /** Entries that were already stored with the same target id. */
  unchanged: number;
  /** Entries refused because the key maps to another target id, in batch order. */
  conflicts: IdMapConflict[];
}

export interface IdMapListOptions {
  entity?: string;
  /** "asc" = oldest first (default); "desc" = newest first, for rollback. */
  order?: "asc" | "desc";
  /** `seq` of the last entry of the previous page; the page continues after it in `order`. */
  afterSeq?: number;
  limit: number;
}

/** The id map of every migration. */
export interface IdMapRepository {
  /** Stores an entry; idempotent for the same target id, `conflict` for another one. */
  put(entry: IdMapEntryInput): Promise<IdMapEntry>;
  /** Stores many entries (unordered insert, `seq` in batch order); conflicts are reported, never thrown. */
  putMany(entries: readonly IdMapEntryInput[]): Promise<IdMapPutManyResult>;
  /** The entry for a source record, or null. */
  get(migrationId: string, entity: string, sourceId: string): Promise<IdMapEntry | null>;
  /** Source id → target id for the ids that are mapped; absent ids are left out. */
  getMany(
    migrationId: string,
    entity: string,
    sourceIds: readonly string[],
  ): Promise<Map<string, string>>;
  /** One page of entries by `seq`. */
  list(migrationId: string, options: IdMapListOptions): Promise<IdMapEntry[]>;
  /** How many entries a migration (or one of its entities) has. */
  count(migrationId: string, entity?: string): Promise<number>;
  /** Removes one entry, e.g. after its target record was rolled back; false if absent. */
  delete(migrationId: string, entity: string, sourceId: string): Promise<boolean>;
  /** Removes a migration's entries; returns how many. `seq` keeps increasing afterwards. */
  deleteByMigration(migrationId: string): Promise<number>;
}
