/** Every repository of the state layer behind one object, as a process wires it. */
import type {
  CheckpointRepository,
  ConnectionRepository,
  ConversationStorage,
  CustomerRepository,
  IdMapRepository,
  MigrationRepository,
  RecordErrorRepository,
  TicketRepository,
  UsageRepository,
  WaSessionRepository,
} from "./ports/index.js";

/** All state, from one adapter (memory or MongoDB). */
export interface Stores {
  customers: CustomerRepository;
  connections: ConnectionRepository;
  migrations: MigrationRepository;
  checkpoints: CheckpointRepository;
  idMap: IdMapRepository;
  recordErrors: RecordErrorRepository;
  usage: UsageRepository;
  conversations: ConversationStorage;
  tickets: TicketRepository;
  waSessions: WaSessionRepository;
  /** Resolves if the backing store answers; for `/readyz`. */
  ping(): Promise<void>;
  /** Releases connections; the stores must not be used afterwards. */
  close(): Promise<void>;
}
