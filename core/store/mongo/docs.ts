/** Document shapes of each collection: the domain types with our string `_id`. */
import type {
  Checkpoint,
  Connection,
  Customer,
  IdMapEntry,
  Migration,
  RecordError,
  Ticket,
  UsageCounters,
  UsageKey,
} from "../ports/index.js";

/** A domain record whose `id` is stored as `_id`. */
export type DocOf<T extends { id: string }> = Omit<T, "id"> & { _id: string };

export type CustomerDoc = DocOf<Customer>;
export type ConnectionDoc = DocOf<Connection>;
export type MigrationDoc = DocOf<Migration>;
export type CheckpointDoc = Checkpoint & { _id: string };
export type IdMapDoc = IdMapEntry & { _id: string };
export type RecordErrorDoc = DocOf<RecordError>;
export type UsageDoc = UsageKey & UsageCounters & { _id: string; updatedAt: Date };
/** Every operator message id ever linked, beside the ticket, for `findByOperatorMessage`. */
export type TicketDoc = DocOf<Ticket> & { operatorMessageIds: number[] };

/** `_id` is the key; `value` is JSON text. */
export interface ConversationDoc {
  _id: string;
  value: string;
  updatedAt: Date;
}

/** `_id` is the key; `data` is JSON text. */
export interface WaSessionDoc {
  _id: string;
  data: string;
  updatedAt: Date;
}

/** Per-migration sequence of the id map; `_id` is "idmap:<migrationId>". */
export interface CounterDoc {
  _id: string;
  seq: number;
}

/** Turns a document back into its domain record. */
export function fromDoc<D extends { _id: string }>({
  _id,
  ...rest
}: D): Omit<D, "_id"> & { id: string } {
  return { id: _id, ...rest };
}
