/** Every collection of the adapter backed by the driver fake. */
import type { Collection, Document } from "mongodb";
import type { MongoCollections } from "../collections.js";
import { FakeCollection } from "./fake-collection.js";

// The fake implements only what the adapter calls; the cast is the price of not mocking the whole driver.
const fake = <D extends Document>(name: string) =>
  new FakeCollection(name) as unknown as Collection<D>;

/** Fresh, empty fake collections named like the real ones. */
export function fakeCollections(): MongoCollections {
  return {
    customers: fake("customers"),
    connections: fake("connections"),
    migrations: fake("migrations"),
    checkpoints: fake("checkpoints"),
    idMap: fake("idmap"),
    counters: fake("counters"),
    recordErrors: fake("record_errors"),
    usage: fake("usage"),
    conversations: fake("conversations"),
    tickets: fake("tickets"),
    waSessions: fake("wa_sessions"),
  };
}
