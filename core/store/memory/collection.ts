/**
 * A tiny in-memory document collection: a primary key, unique secondary keys,
 * and copies in and out, so callers can never change stored state by reference.
 * Every method is synchronous, which makes each repository call atomic.
 */
import { conflict } from "../../errors.js";

export interface MemoryCollectionOptions<D> {
  name: string;
  /** The primary key of a document. */
  key: (doc: D) => string;
  /** Secondary keys that must also be unique, by index name. */
  unique?: Record<string, (doc: D) => string>;
}

export class MemoryCollection<D extends object> {
  readonly #docs = new Map<string, D>();
  readonly #options: MemoryCollectionOptions<D>;

  constructor(options: MemoryCollectionOptions<D>) {
    this.#options = options;
  }

  /** A copy of the document with this primary key. */
  get(key: string): D | undefined {
    const doc = this.#docs.get(key);
    return doc === undefined ? undefined : structuredClone(doc);
  }

  /** A copy of the first document matching `predicate`. */
  findOne(predicate: (doc: Readonly<D>) => boolean): D | undefined {
    for (const doc of this.#docs.values()) if (predicate(doc)) return structuredClone(doc);
    return undefined;
  }

  /** Copies of every document matching `predicate`, in insertion order. */
  find(predicate: (doc: Readonly<D>) => boolean): D[] {
    const found: D[] = [];
    for (const doc of this.#docs.values()) if (predicate(doc)) found.push(structuredClone(doc));
    return found;
  }

  count(predicate: (doc: Readonly<D>) => boolean): number {
    let n = 0;
    for (const doc of this.#docs.values()) if (predicate(doc)) n += 1;
    return n;
  }

  /** Stores a new document; `conflict` if its primary or a unique key is taken. */
  insert(doc: D): D {
    const key = this.#options.key(doc);
    if (this.#docs.has(key)) throw this.#duplicate("primary");
    this.#checkUnique(doc, undefined);
    this.#docs.set(key, structuredClone(doc));
    return structuredClone(doc);
  }

  /** Replaces the document with the same primary key; `conflict` if a unique key is taken. */
  replace(doc: D): D {
    const key = this.#options.key(doc);
    this.#checkUnique(doc, key);
    this.#docs.set(key, structuredClone(doc));
    return structuredClone(doc);
  }

  delete(key: string): boolean {
    return this.#docs.delete(key);
  }

  /** Removes every document matching `predicate`; returns how many. */
  deleteWhere(predicate: (doc: Readonly<D>) => boolean): number {
    let n = 0;
    for (const [key, doc] of this.#docs) {
      if (predicate(doc)) {
        this.#docs.delete(key);
        n += 1;
      }
    }
    return n;
  }

  #checkUnique(doc: D, ownKey: string | undefined): void {
    for (const [index, uniqueKey] of Object.entries(this.#options.unique ?? {})) {
      const value = uniqueKey(doc);
      for (const [key, other] of this.#docs) {
        if (key !== ownKey && uniqueKey(other) === value) throw this.#duplicate(index);
      }
    }
  }

  #duplicate(index: string) {
    return conflict(`Duplicate key in ${this.#options.name} (${index})`, {
      code: "duplicate_key",
      details: { collection: this.#options.name, index },
    });
  }
}
