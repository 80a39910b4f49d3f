/**
 * Turns a parsed filter into a row predicate for one table. Conversions of
 * the filter operands happen once per query, never per row.
 */
import {
  compareComparable,
  likePattern,
  toComparable,
  type Comparable,
  type Condition,
  type FilterGroup,
} from "./filter.js";
import { textOf, type ValueKind } from "./types.js";

/** What a list method knows about its table: rows in id order and typed field access. */
export interface ListSource<R> {
  rows: readonly R[];
  idOf(row: R): number;
  /** The stored value of `field`; undefined when the field does not exist. */
  valueOf(row: R, field: string): unknown;
  /** The comparison kind of a field; undefined for unknown fields. */
  kindOf(field: string): ValueKind | undefined;
}

/** A filter the method refuses: the field is not filterable, or its value is unusable. */
export class FilterError extends Error {
  constructor(
    readonly field: string,
    readonly reason: "not_allowed" | "invalid_value",
  ) {
    super(
      `Invalid filter: field '${field}' ${reason === "not_allowed" ? "is not allowed in filter" : "has invalid value"}`,
    );
    this.name = "FilterError";
  }
}

/** How strictly a filter is compiled. */
export interface CompileOptions {
  timeZone: string;
  /** Throw FilterError for unknown fields and unparsable values (crm.item); else ignore. */
  strict: boolean;
  /** Fields handled by the method itself (e.g. activity BINDINGS): skipped here. */
  skip?: ReadonlySet<string>;
}

/** A compiled filter. */
export type Predicate<R> = (row: R) => boolean;

const ALWAYS = (): boolean => true;
const NEVER = (): boolean => false;

function storedComparables(stored: unknown, kind: ValueKind, tz: string): Comparable[] {
  if (Array.isArray(stored)) {
    return stored.flatMap((v) => {
      const c = toComparable(v, kind, tz);
      return c === undefined ? [] : [c];
    });
  }
  const c = toComparable(stored, kind, tz);
  return c === undefined ? [] : [c];
}

function storedText(stored: unknown): string[] {
  const list: unknown[] = Array.isArray(stored) ? stored : [stored];
  return list
    .filter((v) => v !== null && v !== undefined)
    .map((v) => (typeof v === "string" ? v : JSON.stringify(v)).toLowerCase());
}

function isEmptyOperand(v: unknown): boolean {
  return v === null || v === undefined || v === "" || v === false;
}

function compileCondition<R>(c: Condition, src: ListSource<R>, opts: CompileOptions): Predicate<R> {
  const kind = src.kindOf(c.field);
  if (kind === undefined) {
    if (opts.strict) throw new FilterError(c.field, "not_allowed");
    return ALWAYS;
  }
  const tz = opts.timeZone;
  const get = (row: R): unknown => src.valueOf(row, c.field);
  const convert = (v: unknown): Comparable | undefined => {
    const out = toComparable(v, kind, tz);
    if (out === undefined && opts.strict && !isEmptyOperand(v)) {
      throw new FilterError(c.field, "invalid_value");
    }
    return out;
  };

  switch (c.op) {
    case "eq":
    case "neq":
    case "in":
    case "nin": {
      const raw: unknown[] = Array.isArray(c.value) ? c.value : [c.value];
      const wantsEmpty = raw.some(
        (v) => isEmptyOperand(v) || ((kind === "int" || kind === "float") && Number(v) === 0),
      );
      const set = new Set(raw.map(convert).filter((v): v is Comparable => v !== undefined));
      const positive = c.op === "eq" || c.op === "in";
      return (row) => {
        const values = storedComparables(get(row), kind, tz);
        const hit = values.length === 0 ? wantsEmpty : values.some((v) => set.has(v));
        return positive ? hit : !hit;
      };
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const operand = convert(Array.isArray(c.value) ? c.value[0] : c.value);
      if (operand === undefined) return NEVER;
      const test =
        c.op === "gt"
          ? (d: number) => d > 0
          : c.op === "gte"
            ? (d: number) => d >= 0
            : c.op === "lt"
              ? (d: number) => d < 0
              : (d: number) => d <= 0;
      return (row) =>
        storedComparables(get(row), kind, tz).some((v) => test(compareComparable(v, operand)));
    }
    case "between":
    case "nbetween": {
      const pair: unknown[] = Array.isArray(c.value) ? c.value : [];
      const lo = convert(pair[0]);
      const hi = convert(pair[1]);
      if (lo === undefined || hi === undefined) return c.op === "between" ? NEVER : ALWAYS;
      return (row) => {
        const hit = storedComparables(get(row), kind, tz).some(
          (v) => compareComparable(v, lo) >= 0 && compareComparable(v, hi) <= 0,
        );
        return c.op === "between" ? hit : !hit;
      };
    }
    case "like":
    case "nlike": {
      const needle = textOf(c.value).toLowerCase();
      return (row) => {
        const hit = storedText(get(row)).some((t) => t.includes(needle));
        return c.op === "like" ? hit : !hit;
      };
    }
    case "pattern":
    case "npattern": {
      const re = likePattern(textOf(c.value));
      return (row) => {
        const hit = storedText(get(row)).some((t) => re.test(t));
        return c.op === "pattern" ? hit : !hit;
      };
    }
  }
}

/** Compiles a filter group (AND/OR, nested) into one predicate. */
export function compileFilter<R>(
  group: FilterGroup,
  src: ListSource<R>,
  opts: CompileOptions,
): Predicate<R> {
  const parts: Predicate<R>[] = [];
  for (const item of group.items) {
    if ("op" in item) {
      if (opts.skip?.has(item.field)) continue;
      parts.push(compileCondition(item, src, opts));
    } else {
      parts.push(compileFilter(item, src, opts));
    }
  }
  if (parts.length === 0) return ALWAYS;
  if (parts.length === 1) return parts[0] as Predicate<R>;
  return group.logic === "OR"
    ? (row) => parts.some((p) => p(row))
    : (row) => parts.every((p) => p(row));
}
