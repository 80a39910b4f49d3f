/** Filters, sorts and update operators of the driver fake: the subset the adapter uses. */
import { MongoServerError } from "mongodb";
import type { Doc } from "./values.js";
import { bsonCopy, compareValues, isPlainObject, same, unsupported } from "./values.js";

const isOperators = (value: unknown): value is Doc =>
  isPlainObject(value) && Object.keys(value).some((k) => k.startsWith("$"));

function matchesCondition(field: unknown, condition: unknown): boolean {
  if (isOperators(condition)) {
    return Object.entries(condition).every(([op, arg]) => {
      if (op === "$in") {
        if (!Array.isArray(arg)) throw unsupported("$in without an array");
        return arg.some((v) => matchesCondition(field, v));
      }
      if (op === "$gt") return field !== undefined && compareValues(field, arg) > 0;
      if (op === "$lt") return field !== undefined && compareValues(field, arg) < 0;
      throw unsupported(`query operator ${op}`);
    });
  }
  if (Array.isArray(field) && !Array.isArray(condition))
    return field.some((v) => same(v, condition));
  return same(field, condition);
}

export function matches(doc: Doc, filter: Doc): boolean {
  return Object.entries(filter).every(([path, condition]) => {
    if (path.startsWith("$") || path.includes(".")) throw unsupported(`filter path ${path}`);
    return matchesCondition(doc[path], condition);
  });
}

export type SortSpec = Record<string, 1 | -1>;

export function sortDocs(docs: Doc[], spec: SortSpec | undefined): Doc[] {
  if (!spec) return docs;
  const keys = Object.entries(spec);
  return [...docs].sort((a, b) => {
    for (const [key, direction] of keys) {
      const order = compareValues(a[key], b[key]) * direction;
      if (order !== 0) return order;
    }
    return 0;
  });
}

const OPERATORS = ["$set", "$unset", "$inc", "$setOnInsert", "$push", "$addToSet"];

/** Applies an update document as the server would; code 40 on a path used twice. */
export function applyUpdate(doc: Doc, update: Doc, inserting: boolean): Doc {
  const entries = Object.entries(update);
  if (entries.length === 0) throw unsupported("update without operators");
  const seen = new Set<string>();
  for (const [op, fields] of entries) {
    if (!OPERATORS.includes(op) || !isPlainObject(fields))
      throw unsupported(`update operator ${op}`);
    for (const path of Object.keys(fields)) {
      if (path.includes(".") || path.startsWith("$")) throw unsupported(`update path ${path}`);
      if (seen.has(path)) {
        throw new MongoServerError({
          message: `Updating the path '${path}' would create a conflict at '${path}'`,
          code: 40,
        });
      }
      seen.add(path);
      // $setOnInsert is ignored on an existing document, so it may carry _id.
      if (path === "_id" && op !== "$setOnInsert") {
        throw new MongoServerError({
          message: "Performing an update on the path '_id' would modify the immutable field '_id'",
          code: 66,
        });
      }
    }
  }
  const next: Doc = { ...doc };
  for (const [op, fields] of entries as [string, Doc][]) {
    for (const [path, value] of Object.entries(fields)) {
      if (value === undefined) continue; // ignoreUndefined
      const current = next[path];
      if (op === "$set" || (op === "$setOnInsert" && inserting)) next[path] = bsonCopy(value);
      else if (op === "$unset") delete next[path];
      else if (op === "$inc") {
        if (typeof value !== "number" || (current !== undefined && typeof current !== "number")) {
          throw new MongoServerError({ message: `Cannot apply $inc to ${path}`, code: 14 });
        }
        next[path] = (current ?? 0) + value;
      } else if (op === "$push" || op === "$addToSet") {
        if (current !== undefined && !Array.isArray(current)) {
          throw new MongoServerError({ message: `${op} needs an array at ${path}`, code: 2 });
        }
        const list: unknown[] = current ?? [];
        const add = op === "$push" || !list.some((v) => same(v, value));
        next[path] = add ? [...list, bsonCopy(value)] : list;
      }
    }
  }
  return next;
}

/** The document an upsert starts from: the filter's equality fields. */
export function seedFromFilter(filter: Doc): Doc {
  const seed: Doc = {};
  for (const [path, condition] of Object.entries(filter)) {
    if (!isOperators(condition)) seed[path] = bsonCopy(condition);
  }
  return seed;
}
