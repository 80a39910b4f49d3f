/**
 * An in-process stand-in for the few `Collection` methods the Mongo adapter
 * calls, with unique indexes and the driver's own error classes. It runs the
 * adapter's logic (update documents, upserts, duplicate handling, sorting)
 * where no server exists; it proves nothing about the server itself.
 *
 * Upserts yield between looking and inserting, so concurrent upserts of one
 * key really collide (code 11000) and the adapter's retry path runs.
 */
import type { BulkWriteResult, WriteError } from "mongodb";
import { MongoBulkWriteError, MongoServerError } from "mongodb";
import { applyUpdate, matches, seedFromFilter, sortDocs } from "./query.js";
import type { SortSpec } from "./query.js";
import type { Doc } from "./values.js";
import { copyDoc, unsupported } from "./values.js";

interface UpdateOptions {
  upsert?: boolean;
  returnDocument?: "before" | "after";
  sort?: SortSpec;
}

class FakeCursor {
  #sort: SortSpec | undefined;
  #limit = 0;
  #projection: Record<string, 0 | 1> | undefined;

  constructor(private readonly docs: Doc[]) {}

  sort(spec: SortSpec) {
    this.#sort = spec;
    return this;
  }

  limit(n: number) {
    this.#limit = n;
    return this;
  }

  project(spec: Record<string, 0 | 1>) {
    this.#projection = spec;
    return this;
  }

  async toArray(): Promise<Doc[]> {
    const sorted = sortDocs(this.docs, this.#sort);
    const limited = this.#limit > 0 ? sorted.slice(0, this.#limit) : sorted;
    const projection = this.#projection;
    if (!projection) return limited;
    return limited.map((doc) => {
      const keep = Object.entries(projection).filter(([k, v]) => v === 1 && k !== "_id");
      const out: Doc = Object.fromEntries(keep.map(([k]) => [k, doc[k]]));
      if (projection._id !== 0) out._id = doc._id;
      return out;
    });
  }
}

export class FakeCollection {
  readonly #docs: Doc[] = [];
  readonly #unique: string[][] = [["_id"]];

  constructor(readonly collectionName: string) {}

  async createIndexes(specs: { key: Record<string, number>; unique?: boolean; name?: string }[]) {
    for (const spec of specs) {
      if (!spec.unique) continue;
      const fields = Object.keys(spec.key);
      this.#unique.push(fields);
      this.#docs.forEach((doc, i) => this.#checkUnique(doc, i));
    }
    return specs.map((s) => s.name ?? Object.keys(s.key).join("_"));
  }

  async insertOne(doc: Doc) {
    this.#insert(doc);
    return { acknowledged: true, insertedId: doc._id };
  }

  async insertMany(docs: Doc[], options: { ordered?: boolean } = {}) {
    const ordered = options.ordered ?? true;
    const writeErrors: WriteError[] = [];
    let insertedCount = 0;
    for (const [index, doc] of docs.entries()) {
      try {
        this.#insert(doc);
        insertedCount += 1;
      } catch (error) {
        if (!(error instanceof MongoServerError) || error.code !== 11000) throw error;
        const writeError = { index, code: 11000, errmsg: error.message, op: doc };
        writeErrors.push(writeError as unknown as WriteError);
        if (ordered) break;
      }
    }
    if (writeErrors.length > 0) {
      const first = writeErrors[0];
      const result = { insertedCount } as unknown as BulkWriteResult;
      throw new MongoBulkWriteError(
        { message: first?.errmsg ?? "write failed", code: 11000, writeErrors },
        result,
      );
    }
    return { acknowledged: true, insertedCount };
  }

  async findOne(filter: Doc, options: { sort?: SortSpec } = {}) {
    const [first] = sortDocs(this.#matching(filter), options.sort);
    return first ? copyDoc(first) : null;
  }

  find(filter: Doc) {
    return new FakeCursor(this.#matching(filter).map(copyDoc));
  }

  async countDocuments(filter: Doc, options: { limit?: number } = {}) {
    const n = this.#matching(filter).length;
    return options.limit ? Math.min(n, options.limit) : n;
  }

  async findOneAndUpdate(filter: Doc, update: Doc, options: UpdateOptions = {}) {
    const { before, after } = await this.#update(filter, update, options);
    return options.returnDocument === "after" ? after : before;
  }

  async updateOne(filter: Doc, update: Doc, options: UpdateOptions = {}) {
    const { before, after } = await this.#update(filter, update, options);
    const upserted = before === null && after !== null;
    return { acknowledged: true, matchedCount: before ? 1 : 0, upsertedCount: upserted ? 1 : 0 };
  }

  async deleteOne(filter: Doc) {
    const [first] = this.#matching(filter);
    if (first) this.#docs.splice(this.#docs.indexOf(first), 1);
    return { acknowledged: true, deletedCount: first ? 1 : 0 };
  }

  async deleteMany(filter: Doc) {
    const gone = this.#matching(filter);
    for (const doc of gone) this.#docs.splice(this.#docs.indexOf(doc), 1);
    return { acknowledged: true, deletedCount: gone.length };
  }

  async #update(filter: Doc, update: Doc, options: UpdateOptions) {
    const [found] = sortDocs(this.#matching(filter), options.sort);
    if (found) {
      const next = applyUpdate(found, update, false);
      const index = this.#docs.indexOf(found);
      this.#checkUnique(next, index);
      this.#docs[index] = next;
      return { before: copyDoc(found), after: copyDoc(next) };
    }
    if (!options.upsert) return { before: null, after: null };
    const created = applyUpdate(seedFromFilter(filter), update, true);
    await Promise.resolve(); // let a concurrent upsert of the same key in
    this.#insert(created);
    return { before: null, after: copyDoc(created) };
  }

  #insert(doc: Doc): void {
    if (typeof doc._id !== "string") throw unsupported("document without a string _id (ObjectId)");
    const stored = copyDoc(doc);
    this.#checkUnique(stored, -1);
    this.#docs.push(stored);
  }

  #matching(filter: Doc): Doc[] {
    return this.#docs.filter((doc) => matches(doc, filter));
  }

  #checkUnique(doc: Doc, ownIndex: number): void {
    for (const fields of this.#unique) {
      const key = JSON.stringify(fields.map((f) => doc[f] ?? null));
      const clash = this.#docs.some(
        (other, i) => i !== ownIndex && JSON.stringify(fields.map((f) => other[f] ?? null)) === key,
      );
      if (clash) {
        throw new MongoServerError({
          message: `E11000 duplicate key error collection: ${this.collectionName} index: ${fields.join("_")}`,
          code: 11000,
        });
      }
    }
  }
}
