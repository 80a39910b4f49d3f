/**
 * The typed collections and their indexes. `ensureIndexes` runs on every start:
 * creating an index that exists with the same options is a no-op.
 */
import type { Collection, Db, IndexDescription } from "mongodb";
import type {
  CheckpointDoc,
  ConnectionDoc,
  ConversationDoc,
  CounterDoc,
  CustomerDoc,
  IdMapDoc,
  MigrationDoc,
  RecordErrorDoc,
  TicketDoc,
  UsageDoc,
  WaSessionDoc,
} from "./docs.js";

export interface MongoCollections {
  customers: Collection<CustomerDoc>;
  connections: Collection<ConnectionDoc>;
  migrations: Collection<MigrationDoc>;
  checkpoints: Collection<CheckpointDoc>;
  idMap: Collection<IdMapDoc>;
  counters: Collection<CounterDoc>;
  recordErrors: Collection<RecordErrorDoc>;
  usage: Collection<UsageDoc>;
  conversations: Collection<ConversationDoc>;
  tickets: Collection<TicketDoc>;
  waSessions: Collection<WaSessionDoc>;
}

/** The typed handles of every collection in `db`. */
export function openCollections(db: Db): MongoCollections {
  return {
    customers: db.collection<CustomerDoc>("customers"),
    connections: db.collection<ConnectionDoc>("connections"),
    migrations: db.collection<MigrationDoc>("migrations"),
    checkpoints: db.collection<CheckpointDoc>("checkpoints"),
    idMap: db.collection<IdMapDoc>("idmap"),
    counters: db.collection<CounterDoc>("counters"),
    recordErrors: db.collection<RecordErrorDoc>("record_errors"),
    usage: db.collection<UsageDoc>("usage"),
    conversations: db.collection<ConversationDoc>("conversations"),
    tickets: db.collection<TicketDoc>("tickets"),
    waSessions: db.collection<WaSessionDoc>("wa_sessions"),
  };
}

const unique = (name: string, key: IndexDescription["key"]): IndexDescription => ({
  name,
  key,
  unique: true,
});
const plain = (name: string, key: IndexDescription["key"]): IndexDescription => ({ name, key });

/** Indexes per collection; unique where a duplicate would be a bug. `_id` is always unique. */
const INDEXES: { [K in keyof MongoCollections]: IndexDescription[] } = {
  customers: [unique("channel_chatId", { channel: 1, chatId: 1 })],
  connections: [plain("customerId_createdAt", { customerId: 1, createdAt: 1, _id: 1 })],
  migrations: [
    plain("customerId_createdAt", { customerId: 1, createdAt: -1, _id: -1 }),
    plain("status_createdAt", { status: 1, createdAt: 1, _id: 1 }),
  ],
  checkpoints: [unique("migrationId_entity_phase", { migrationId: 1, entity: 1, phase: 1 })],
  idMap: [
    unique("migrationId_entity_sourceId", { migrationId: 1, entity: 1, sourceId: 1 }),
    plain("migrationId_seq", { migrationId: 1, seq: 1 }),
    plain("migrationId_entity_seq", { migrationId: 1, entity: 1, seq: 1 }),
  ],
  counters: [],
  recordErrors: [
    unique("migrationId_entity_sourceId", { migrationId: 1, entity: 1, sourceId: 1 }),
    plain("migrationId_id", { migrationId: 1, _id: 1 }),
    plain("migrationId_entity_id", { migrationId: 1, entity: 1, _id: 1 }),
  ],
  usage: [unique("customerId_period_scope", { customerId: 1, period: 1, scope: 1 })],
  conversations: [],
  tickets: [
    plain("status_createdAt", { status: 1, createdAt: 1, _id: 1 }),
    plain("operatorMessageIds", { operatorMessageIds: 1 }),
  ],
  waSessions: [],
};

/** Creates every index the adapter relies on. */
export async function ensureIndexes(collections: MongoCollections): Promise<void> {
  const names = Object.keys(INDEXES) as (keyof MongoCollections)[];
  await Promise.all(
    names.map(async (name) => {
      const indexes = INDEXES[name];
      if (indexes.length > 0) await collections[name].createIndexes(indexes);
    }),
  );
}
