/**
 * The store contract against a real MongoDB, when MONGO_URL is set. Each test
 * gets its own database (unique per run), dropped after the test.
 */
import { randomUUID } from "node:crypto";
import { MongoClient } from "mongodb";
import { afterAll, it } from "vitest";
import { runStoreContract } from "../contract/run-store-contract.js";
import type { Stores } from "../stores.js";
import { createMongoStores } from "./mongo-stores.js";

const url = process.env.MONGO_URL;

if (!url) {
  it.skip("skipped: set MONGO_URL to run the store contract against MongoDB", () => {});
} else {
  const run = randomUUID().slice(0, 8);
  const admin = new MongoClient(url);
  const dbNames = new WeakMap<Stores, string>();
  let n = 0;

  runStoreContract(
    "mongo",
    async ({ now }) => {
      n += 1;
      const dbName = `pereezd_test_${run}_${n}`;
      const stores = await createMongoStores({ url, dbName, now });
      dbNames.set(stores, dbName);
      return stores;
    },
    async (stores) => {
      const dbName = dbNames.get(stores);
      if (dbName) await admin.db(dbName).dropDatabase();
    },
  );

  afterAll(async () => {
    await admin.close();
  });
}
