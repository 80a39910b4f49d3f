/**
 * References between `batch` commands: `$result[cmd][field][0]…`, and the same
 * against `$next`, `$total`, `$time`, `$error`.
 *
 * Docs: docs:settings/how-to-call-rest-api/batch.md ("Using Results"). Mechanics
 * reproduced from srv:modules/rest/classes/general/rest_util.php
 * (`processBatchElement`): a reference runs to the next whitespace; the path walk stops
 * at the first missing key, keeping what it resolved so far; when the whole parameter
 * is the reference it is replaced by the value (an array stays an array), otherwise
 * the text is substituted only if the value is a string (so an integer id inside
 * `"Deal $result[a][id]"` is left as written). Parameter keys are resolved too.
 */
import type { Params } from "./method-types.js";

/** The `$name` roots a reference may start from (the server's accumulator keys). */
export const ACCUMULATOR_KEYS = ["result", "next", "total", "time", "error"] as const;
export type AccumulatorKey = (typeof ACCUMULATOR_KEYS)[number];

/** Per-command results gathered so far, keyed by command key. */
export type BatchAccumulator = Record<AccumulatorKey, Map<string, unknown>>;

const REFERENCE = /\$(result|next|total|time|error)(\S*)/gi;
const PATH_KEY = /\[([^\]]+)\]/g;

/** PHP `isset($value[$key])` followed by the lookup. */
function step(value: unknown, key: string): { found: boolean; value: unknown } {
  let next: unknown;
  if (value instanceof Map) next = value.get(key);
  else if (typeof value === "string") {
    next = /^\d+$/.test(key) && Number(key) < value.length ? value[Number(key)] : undefined;
  } else if (value !== null && typeof value === "object") {
    next = (value as Record<string, unknown>)[key];
  }
  return next === undefined || next === null
    ? { found: false, value }
    : { found: true, value: next };
}

function resolveElement(text: string, acc: BatchAccumulator): unknown {
  let query: unknown = text;
  for (const match of text.matchAll(REFERENCE)) {
    const [whole, name = "", path = ""] = match;
    const keys = [...path.matchAll(PATH_KEY)].map((m) => m[1] ?? "");
    if (keys.length === 0) continue;
    // `$RESULT[...]` matches (the pattern is case-insensitive) but finds nothing.
    let value: unknown = (acc as Partial<Record<string, Map<string, unknown>>>)[name];
    for (const key of keys) {
      const walked = step(value, key);
      if (!walked.found) break;
      value = walked.value;
    }
    if (whole === text) query = value instanceof Map ? Object.fromEntries(value) : value;
    else if (typeof value === "string" && typeof query === "string") {
      query = query.split(whole).join(value);
    }
  }
  return query;
}

function resolveValue(value: unknown, acc: BatchAccumulator): unknown {
  if (typeof value === "string") return resolveElement(value, acc);
  if (Array.isArray(value)) return value.map((v) => resolveValue(v, acc));
  if (value !== null && typeof value === "object") {
    return resolveReferences(value as Params, acc);
  }
  return value;
}

/** Replace references in every key and value of `params` (`processBatchStructure`). */
export function resolveReferences(params: Params, acc: BatchAccumulator): Params {
  const out: Params = {};
  for (const [key, value] of Object.entries(params)) {
    const newKey = key.includes("$") ? resolveElement(key, acc) : key;
    out[typeof newKey === "string" || typeof newKey === "number" ? String(newKey) : ""] =
      resolveValue(value, acc);
  }
  return out;
}
