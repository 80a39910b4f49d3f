/**
 * Driver errors the adapter translates: a duplicate key (code 11000, alone or
 * inside a MongoBulkWriteError) becomes the project's `conflict`, so no driver
 * exception escapes for that case.
 */
import { MongoBulkWriteError, MongoServerError } from "mongodb";
import { conflict, transientError } from "../../errors.js";

const DUPLICATE_KEY = 11000;

/** True if the error is (or, for a bulk write, holds only) duplicate-key failures. */
export function isDuplicateKey(error: unknown): boolean {
  if (error instanceof MongoBulkWriteError) return duplicateIndexes(error) !== undefined;
  return error instanceof MongoServerError && error.code === DUPLICATE_KEY;
}

/** Positions of the operations a bulk write refused as duplicates; undefined if anything else failed. */
export function duplicateIndexes(error: MongoBulkWriteError): number[] | undefined {
  const writeErrors = [error.writeErrors].flat();
  if (writeErrors.length === 0 || error.writeConcernError !== undefined) return undefined;
  if (writeErrors.some((e) => e.code !== DUPLICATE_KEY)) return undefined;
  return writeErrors.map((e) => e.index);
}

/** `conflict` naming the collection; carries no driver text. */
export function duplicateConflict(collection: string) {
  return conflict(`Duplicate key in ${collection}`, {
    code: "duplicate_key",
    details: { collection },
  });
}

/** Runs `op`, turning a duplicate key into `conflict`. */
export async function orConflict<T>(collection: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (isDuplicateKey(error)) throw duplicateConflict(collection);
    throw error;
  }
}

/**
 * Runs an upsert, once more if two writers raced to insert the same key (the
 * second then updates the document the first inserted), else `conflict`.
 */
export async function upsertRetrying<T>(collection: string, op: () => Promise<T>): Promise<T> {
  try {
    return await op();
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  return orConflict(collection, op);
}

/** The document an upsert with `returnDocument: "after"` always yields. */
export function upserted<T>(doc: T | null, collection: string): T {
  if (doc === null)
    throw transientError(`MongoDB returned no document for an upsert in ${collection}`);
  return doc;
}
