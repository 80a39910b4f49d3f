/**
 * The store contract on the Mongo adapter's own code over an in-process driver
 * fake: checks update documents, upserts, duplicate handling and sorting
 * without a server. The real-server run is mongo-stores.test.ts (MONGO_URL).
 */
import { MongoBulkWriteError, MongoServerError } from "mongodb";
import type { BulkWriteResult, WriteError } from "mongodb";
import { describe, expect, it } from "vitest";
import { isPereezdError } from "../../errors.js";
import { runStoreContract } from "../contract/run-store-contract.js";
import { ensureIndexes } from "./collections.js";
import { duplicateIndexes, isDuplicateKey, orConflict, upsertRetrying } from "./errors.js";
import { fakeCollections } from "./fake/fake-collections.js";
import { storesOnCollections } from "./mongo-stores.js";

runStoreContract("mongo adapter over a driver fake", async ({ now }) => {
  const collections = fakeCollections();
  await ensureIndexes(collections);
  return storesOnCollections(collections, { now, ping: async () => {}, close: async () => {} });
});

const bulkError = (codes: number[]) =>
  new MongoBulkWriteError(
    {
      message: "write failed",
      code: codes[0] ?? 0,
      writeErrors: codes.map(
        (code, index) => ({ code, index, errmsg: "x" }) as unknown as WriteError,
      ),
    },
    {} as BulkWriteResult,
  );

describe("mongo duplicate-key translation", () => {
  it("recognises code 11000 alone and inside a bulk write error", () => {
    expect(isDuplicateKey(new MongoServerError({ message: "E11000", code: 11000 }))).toBe(true);
    expect(isDuplicateKey(new MongoServerError({ message: "other", code: 2 }))).toBe(false);
    expect(isDuplicateKey(bulkError([11000, 11000]))).toBe(true);
    expect(isDuplicateKey(new Error("E11000"))).toBe(false);
  });

  it("lists refused positions only when every write error is a duplicate", () => {
    expect(duplicateIndexes(bulkError([11000, 11000]))).toEqual([0, 1]);
    expect(duplicateIndexes(bulkError([11000, 121]))).toBeUndefined();
  });

  it("orConflict turns a duplicate into conflict without the driver error", async () => {
    const error: unknown = await orConflict("idmap", () =>
      Promise.reject(
        new MongoServerError({ message: "E11000 dup key: { sourceId: 1 }", code: 11000 }),
      ),
    ).catch((e: unknown) => e);
    expect(isPereezdError(error, "conflict")).toBe(true);
    expect(error).not.toBeInstanceOf(MongoServerError);
    expect((error as Error).cause).toBeUndefined();
    expect((error as Error).message).not.toContain("E11000");
  });

  it("upsertRetrying retries once, then reports conflict; other errors pass through", async () => {
    let calls = 0;
    const dup = () => {
      calls += 1;
      return Promise.reject(new MongoServerError({ message: "E11000", code: 11000 }));
    };
    const error: unknown = await upsertRetrying("usage", dup).catch((e: unknown) => e);
    expect(calls).toBe(2);
    expect(isPereezdError(error, "conflict")).toBe(true);
    let attempts = 0;
    const flaky = async () => {
      attempts += 1;
      if (attempts === 1) throw new MongoServerError({ message: "E11000", code: 11000 });
      return "ok";
    };
    await expect(upsertRetrying("usage", flaky)).resolves.toBe("ok");
    const other = new MongoServerError({ message: "boom", code: 2 });
    await expect(upsertRetrying("usage", () => Promise.reject(other))).rejects.toBe(other);
  });
});
