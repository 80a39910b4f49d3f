/**
 * Value rules of the driver fake: BSON-like copies (undefined dropped, as with
 * `ignoreUndefined`), equality and ordering of the value types the adapter stores.
 * Anything else throws, so an adapter change that needs more is noticed.
 */
export type Doc = Record<string, unknown>;

export const isPlainObject = (value: unknown): value is Doc =>
  typeof value === "object" &&
  value !== null &&
  !Array.isArray(value) &&
  !(value instanceof Date) &&
  Object.getPrototypeOf(value) === Object.prototype;

/** Fails a test on something the fake (and the adapter's contract with MongoDB) does not cover. */
export function unsupported(what: string): Error {
  return new Error(`driver fake: unsupported ${what}`);
}

/** What MongoDB would store and give back: a deep copy without undefined fields. */
export function bsonCopy(value: unknown): unknown {
  if (value instanceof Date) return new Date(value.getTime());
  if (Array.isArray(value)) return value.map((v) => (v === undefined ? null : bsonCopy(v)));
  if (isPlainObject(value)) {
    const copy: Doc = {};
    for (const [key, v] of Object.entries(value)) {
      if (key.startsWith("$")) throw unsupported(`field name ${key}`);
      if (v !== undefined) copy[key] = bsonCopy(v);
    }
    return copy;
  }
  if (value === null || ["string", "number", "boolean"].includes(typeof value)) return value;
  throw unsupported(`value of type ${typeof value}`);
}

export function copyDoc(doc: Doc): Doc {
  return bsonCopy(doc) as Doc;
}

/** Equality as MongoDB applies it to stored values; null matches a missing field. */
export function same(a: unknown, b: unknown): boolean {
  if (a === undefined || a === null) return b === undefined || b === null;
  if (a instanceof Date) return b instanceof Date && a.getTime() === b.getTime();
  if (Array.isArray(a)) {
    return Array.isArray(b) && a.length === b.length && a.every((v, i) => same(v, b[i]));
  }
  if (isPlainObject(a)) {
    if (!isPlainObject(b)) return false;
    const keys = Object.keys(a);
    return keys.length === Object.keys(b).length && keys.every((k) => same(a[k], b[k]));
  }
  return a === b;
}

const rank = (v: unknown): number =>
  v === undefined || v === null
    ? 0
    : typeof v === "number"
      ? 1
      : typeof v === "string"
        ? 2
        : v instanceof Date
          ? 3
          : -1;

/** Order of missing/null < numbers < strings < dates (BSON order for these types). */
export function compareValues(a: unknown, b: unknown): number {
  const ra = rank(a);
  const rb = rank(b);
  if (ra < 0 || rb < 0) throw unsupported("sort or range on this value type");
  if (ra !== rb) return ra - rb;
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "string" && typeof b === "string") return a < b ? -1 : a > b ? 1 : 0;
  if (a instanceof Date && b instanceof Date) return a.getTime() - b.getTime();
  return 0;
}
