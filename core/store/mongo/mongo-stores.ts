/**
 * The MongoDB adapter: connects, creates the indexes it relies on, and returns
 * every repository over typed collections. Queries stay simple (equality,
 * `$set`/`$setOnInsert`/`$inc`, unique indexes, findOneAndUpdate): no
 * transactions or change streams, so a standalone server is enough.
 */
import { MongoClient } from "mongodb";
import { transientError } from "../../errors.js";
import type { StoreDeps } from "../ports/index.js";
import type { Stores } from "../stores.js";
import { createMongoCheckpoints } from "./checkpoints.js";
import { ensureIndexes, openCollections } from "./collections.js";
import type { MongoCollections } from "./collections.js";
import { duplicateConflict, isDuplicateKey } from "./errors.js";
import { createMongoConnections } from "./connections.js";
import { createMongoConversations } from "./conversations.js";
import { createMongoCustomers } from "./customers.js";
import { createMongoIdMap } from "./id-map.js";
import { createMongoMigrations } from "./migrations.js";
import { createMongoRecordErrors } from "./record-errors.js";
import { createMongoTickets } from "./tickets.js";
import { createMongoUsage } from "./usage.js";
import { createMongoWaSessions } from "./wa-sessions.js";

export interface MongoStoresOptions extends StoreDeps {
  /** mongodb:// or mongodb+srv:// connection string; may carry credentials, never logged here. */
  url: string;
  /** Database name; defaults to the one in `url` (the driver's "test" if none). */
  dbName?: string;
}

/** The repositories over already opened collections; `ping` and `close` come from the caller. */
export function storesOnCollections(
  c: MongoCollections,
  deps: { now: () => Date; ping: () => Promise<void>; close: () => Promise<void> },
): Stores {
  const { now } = deps;
  return {
    customers: createMongoCustomers(c.customers, now),
    connections: createMongoConnections(c.connections, now),
    migrations: createMongoMigrations(c.migrations, now),
    checkpoints: createMongoCheckpoints(c.checkpoints, now),
    idMap: createMongoIdMap(c.idMap, c.counters, now),
    recordErrors: createMongoRecordErrors(c.recordErrors, now),
    usage: createMongoUsage(c.usage, now),
    conversations: createMongoConversations(c.conversations, now),
    tickets: createMongoTickets(c.tickets, now),
    waSessions: createMongoWaSessions(c.waSessions, now),
    ping: deps.ping,
    close: deps.close,
  };
}

/** Connects to MongoDB, ensures the indexes and returns the stores; `transient` if unreachable. */
export async function createMongoStores(options: MongoStoresOptions): Promise<Stores> {
  const now = options.now ?? (() => new Date());
  // ignoreUndefined: an undefined field is left out, as JSON and the memory adapter do.
  const client = new MongoClient(options.url, { ignoreUndefined: true, appName: "pereezd" });
  try {
    await client.connect();
    const db = client.db(options.dbName);
    const collections = openCollections(db);
    await ensureIndexes(collections);
    return storesOnCollections(collections, {
      now,
      ping: async () => {
        await db.command({ ping: 1 });
      },
      close: () => client.close(),
    });
  } catch (cause) {
    await client.close().catch(() => undefined);
    // Existing documents that break a unique index: a data problem, not an outage.
    if (isDuplicateKey(cause)) throw duplicateConflict("an index built at start");
    throw transientError("MongoDB is not reachable or refused to start the stores", {
      code: "store_unavailable",
      cause,
    });
  }
}
