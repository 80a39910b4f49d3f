/**
 * The memory adapter: every repository in one process's memory, for the demo
 * and unit tests. It enforces the same unique keys as the Mongo indexes and
 * returns copies, so it behaves like the database the contract suite checks.
 */
import type { StoreDeps } from "../ports/index.js";
import type { Stores } from "../stores.js";
import { createMemoryCheckpoints } from "./checkpoints.js";
import { createMemoryConnections } from "./connections.js";
import { createMemoryConversations } from "./conversations.js";
import { createMemoryCustomers } from "./customers.js";
import { createMemoryIdMap } from "./id-map.js";
import { createMemoryMigrations } from "./migrations.js";
import { createMemoryRecordErrors } from "./record-errors.js";
import { createMemoryTickets } from "./tickets.js";
import { createMemoryUsage } from "./usage.js";
import { createMemoryWaSessions } from "./wa-sessions.js";

/** Fresh, empty in-memory stores; state lives as long as the returned object. */
export function createMemoryStores(deps: StoreDeps = {}): Stores {
  const now = deps.now ?? (() => new Date());
  return {
    customers: createMemoryCustomers(now),
    connections: createMemoryConnections(now),
    migrations: createMemoryMigrations(now),
    checkpoints: createMemoryCheckpoints(now),
    idMap: createMemoryIdMap(now),
    recordErrors: createMemoryRecordErrors(now),
    usage: createMemoryUsage(now),
    conversations: createMemoryConversations(),
    tickets: createMemoryTickets(now),
    waSessions: createMemoryWaSessions(now),
    ping: async () => {},
    close: async () => {},
  };
}
