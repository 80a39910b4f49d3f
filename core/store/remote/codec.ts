/**
 * JSON with the few non-JSON values the repositories exchange: `Date` and `Map`
 * (the id map's `getMany`). Tagged objects keep them intact over the wire.
 */
import { invalidInput } from "../../errors.js";

type Json = null | boolean | number | string | Json[] | { [key: string]: Json };

/** Encodes for the wire; a value JSON cannot hold (BigInt, a cycle, a function) is `invalid_input`. */
export function encode(value: unknown, seen: WeakSet<object> = new WeakSet()): Json {
  if (value === undefined) return { $undefined: true };
  if (
    value === null ||
    typeof value === "boolean" ||
    typeof value === "number" ||
    typeof value === "string"
  ) {
    return value;
  }
  if (value instanceof Date) return { $date: value.toISOString() };
  if (typeof value !== "object") throw invalidInput(`A ${typeof value} cannot be stored as JSON`);
  if (seen.has(value)) throw invalidInput("A value with a cycle cannot be stored as JSON");
  seen.add(value);
  try {
    if (value instanceof Map) {
      return { $map: [...value.entries()].map(([k, v]) => [encode(k, seen), encode(v, seen)]) };
    }
    if (Array.isArray(value)) return value.map((item) => encode(item, seen));
    const out: Record<string, Json> = {};
    for (const [key, inner] of Object.entries(value))
      if (inner !== undefined) out[key] = encode(inner, seen);
    return out;
  } finally {
    seen.delete(value);
  }
}

export function decode(value: unknown): unknown {
  if (value === null || typeof value !== "object") return value;
  if (Array.isArray(value)) return value.map(decode);
  const record = value as Record<string, unknown>;
  if (record.$undefined === true) return undefined;
  if (typeof record.$date === "string") return new Date(record.$date);
  if (Array.isArray(record.$map)) {
    return new Map((record.$map as unknown[][]).map(([k, v]) => [decode(k), decode(v)]));
  }
  const out: Record<string, unknown> = {};
  for (const [key, inner] of Object.entries(record)) out[key] = decode(inner);
  return out;
}
