import { afterAll } from "vitest";
import { runStoreContract } from "../contract/run-store-contract.js";
import { createMemoryStores } from "../memory/memory-stores.js";
import { createRemoteStores } from "./remote-stores.js";
import { startStoreServer, type StoreServer } from "./store-server.js";

// The remote adapter must behave exactly like the stores it forwards to.
const servers: StoreServer[] = [];
afterAll(async () => {
  await Promise.all(servers.map((s) => s.close()));
});

runStoreContract("remote (over memory)", async ({ now }) => {
  const server = await startStoreServer(createMemoryStores({ now }));
  servers.push(server);
  return createRemoteStores(server.url);
});
