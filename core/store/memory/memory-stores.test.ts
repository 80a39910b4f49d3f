import { runStoreContract } from "../contract/run-store-contract.js";
import { createMemoryStores } from "./memory-stores.js";

runStoreContract("memory", async ({ now }) => createMemoryStores({ now }));
