/**
 * List filters with the documented key prefixes (docs:
 * api-reference/crm/deals/crm-deal-list.md, crm/universal/crm-item-list.md,
 * telephony/voximplant/voximplant-statistic-get.md):
 * `>=` `>` `<=` `<` `=` `!`/`!=` `@` `!@` `%` `!%` `=%`/`%=` `!=%`/`!%=` `><` `!><` `?`,
 * nested groups with `logic: "OR"`. Values are compared by the field's kind:
 * numbers as numbers, dates as dates, strings case-insensitively (MySQL `_ci`).
 */
import { parseDate, parseDateTime } from "./dates.js";
import type { ValueKind } from "./types.js";

/** What a filter key prefix asks for. */
export type FilterOp =
  | "eq"
  | "neq"
  | "in"
  | "nin"
  | "gt"
  | "gte"
  | "lt"
  | "lte"
  | "like"
  | "nlike"
  | "pattern"
  | "npattern"
  | "between"
  | "nbetween";

/** One `prefix+FIELD: value` filter entry. */
export interface Condition {
  field: string;
  op: FilterOp;
  value: unknown;
}

/** Conditions joined by AND (default) or OR (`logic: "OR"`), possibly nested. */
export interface FilterGroup {
  logic: "AND" | "OR";
  items: (Condition | FilterGroup)[];
}

/** Longest prefixes first, so `!=%` is not read as `!=` + `%FIELD`. */
const PREFIXES: readonly [string, FilterOp][] = [
  ["!><", "nbetween"],
  ["!=%", "npattern"],
  ["!%=", "npattern"],
  ["><", "between"],
  [">=", "gte"],
  ["<=", "lte"],
  ["!=", "neq"],
  ["!@", "nin"],
  ["=%", "pattern"],
  ["%=", "pattern"],
  ["!%", "nlike"],
  [">", "gt"],
  ["<", "lt"],
  ["=", "eq"],
  ["!", "neq"],
  ["@", "in"],
  ["%", "like"],
  ["?", "like"],
];

/** Splits `>=DATE_MODIFY` into the operator and the field name. */
export function parseKey(key: string): { op: FilterOp; field: string } {
  for (const [prefix, op] of PREFIXES) {
    if (key.startsWith(prefix) && key.length > prefix.length) {
      return { op, field: key.slice(prefix.length) };
    }
  }
  return { op: "eq", field: key };
}

const isPlainObject = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** Parses a raw `filter` param; anything that is not an object yields an empty group. */
export function parseFilter(raw: unknown): FilterGroup {
  const group: FilterGroup = { logic: "AND", items: [] };
  if (!isPlainObject(raw)) return group;
  for (const [key, value] of Object.entries(raw)) {
    if (key.toLowerCase() === "logic") {
      if (typeof value === "string" && value.toUpperCase() === "OR") group.logic = "OR";
      continue;
    }
    if (/^\d+$/.test(key) && isPlainObject(value)) {
      group.items.push(parseFilter(value));
      continue;
    }
    const { op, field } = parseKey(key);
    group.items.push({ field, op, value });
  }
  return group;
}

/** Every condition of a group, nested ones included. */
export function conditionsOf(group: FilterGroup): Condition[] {
  return group.items.flatMap((item) => ("op" in item ? [item] : conditionsOf(item)));
}

/** A value normalised for comparison: number for numbers and datetimes, string otherwise. */
export type Comparable = number | string;

/** Converts a stored or input value to its comparable form; undefined when it cannot be. */
export function toComparable(
  value: unknown,
  kind: ValueKind,
  timeZone: string,
): Comparable | undefined {
  if (value === null || value === undefined) return undefined;
  switch (kind) {
    case "int":
    case "float": {
      if (typeof value === "boolean") return value ? 1 : 0;
      if (typeof value !== "number" && typeof value !== "string") return undefined;
      if (typeof value === "string" && value.trim() === "") return undefined;
      const n = Number(value);
      return Number.isFinite(n) ? n : undefined;
    }
    case "datetime":
      if (typeof value === "number") return value;
      return parseDateTime(value, timeZone) ?? undefined;
    case "date":
      return parseDate(value, timeZone) ?? undefined;
    case "string":
      if (typeof value === "string") return value.toLowerCase();
      if (typeof value === "number" || typeof value === "boolean") {
        return String(value).toLowerCase();
      }
      return undefined;
  }
}

/** Three-way comparison of comparables of one kind. */
export function compareComparable(a: Comparable, b: Comparable): number {
  if (typeof a === "number" && typeof b === "number") return a - b;
  const sa = String(a);
  const sb = String(b);
  return sa < sb ? -1 : sa > sb ? 1 : 0;
}

/** `mol%` / `%mol_` SQL LIKE pattern to an anchored, case-insensitive regexp. */
export function likePattern(pattern: string): RegExp {
  const body = pattern
    .split("")
    .map((ch) => (ch === "%" ? ".*" : ch === "_" ? "." : ch.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")))
    .join("");
  return new RegExp(`^${body}$`, "is");
}
