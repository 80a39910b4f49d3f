/**
 * The state layer: repository ports, the `Stores` bundle and its two adapters.
 * Processes pick one with `createStores`; tests use the memory adapter.
 */
import { configError } from "../errors.js";
import { createMemoryStores } from "./memory/memory-stores.js";
import { createMongoStores } from "./mongo/mongo-stores.js";
import type { MongoStoresOptions } from "./mongo/mongo-stores.js";
import type { StoreDeps } from "./ports/index.js";
import type { Stores } from "./stores.js";

export * from "./ports/index.js";
export type { Stores } from "./stores.js";
export type { MongoStoresOptions } from "./mongo/mongo-stores.js";
export { createMemoryStores } from "./memory/memory-stores.js";
export { createMongoStores } from "./mongo/mongo-stores.js";

/** Stores of the kind the configuration names (`STORE=memory|mongo`). */
export function createStores(kind: "memory", options?: StoreDeps): Promise<Stores>;
export function createStores(kind: "mongo", options: MongoStoresOptions): Promise<Stores>;
export async function createStores(
  kind: "memory" | "mongo",
  options?: StoreDeps | MongoStoresOptions,
): Promise<Stores> {
  if (kind === "memory") return createMemoryStores(options);
  if (options === undefined || !("url" in options)) {
    throw configError('createStores("mongo") needs options.url (MONGO_URL)');
  }
  return createMongoStores(options);
}
