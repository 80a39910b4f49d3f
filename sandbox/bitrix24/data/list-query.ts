/**
 * The list engine shared by every `*.list` method: filter, order, 50-row
 * pages, `start` semantics and the `>ID` cursor fast path.
 *
 * Paging (docs: settings/performance/huge-data.md, reference §4): legacy
 * handlers are page-aligned (`start=75` → rows 50–99), ORM ones use `start`
 * as an exact offset; `next` only when more rows exist; `start=-1` skips the
 * count (`total` 0, no `next`). With order `ID ASC` (or none) and `>ID` in the
 * filter, the first row is found by binary search and the scan stops after 50
 * rows when no count is needed.
 */
import { compileFilter, type ListSource, type Predicate } from "./filter-compile.js";
import { toComparable, type Comparable, type Condition, type FilterGroup } from "./filter.js";

export { FilterError, type ListSource } from "./filter-compile.js";

/** Rows per page of every list method (docs: list-methods-pecularities.md). */
export const PAGE_SIZE = 50;

/** One `order` entry. */
export interface OrderTerm {
  field: string;
  desc: boolean;
}

/** An `order` the method refuses (crm.item: INVALID_ARG_VALUE). */
export class OrderError extends Error {
  constructor(
    readonly field: string,
    readonly direction?: string,
  ) {
    super(
      direction === undefined
        ? `Invalid order: field '${field}' is not allowed in order`
        : `Invalid order: allowed sort directions are ASC, DESC. But got '${direction}' for field '${field}'`,
    );
    this.name = "OrderError";
  }
}

/**
 * Parses `{FIELD: "ASC"|"DESC"}`. Strict mode (crm.item) refuses unknown fields
 * and directions; lenient mode (legacy) drops unknown fields and reads anything
 * but DESC as ASC.
 */
export function parseOrder(
  raw: unknown,
  known: (field: string) => boolean,
  strict = false,
): OrderTerm[] {
  if (typeof raw !== "object" || raw === null || Array.isArray(raw)) return [];
  const terms: OrderTerm[] = [];
  for (const [field, dirRaw] of Object.entries(raw)) {
    const dir = typeof dirRaw === "string" ? dirRaw.toUpperCase() : "";
    if (!known(field)) {
      if (strict) throw new OrderError(field);
      continue;
    }
    if (dir !== "ASC" && dir !== "DESC" && strict) throw new OrderError(field, String(dirRaw));
    terms.push({ field, desc: dir === "DESC" });
  }
  return terms;
}

/** `page`: legacy page-aligned start; `offset`: exact start; `all`: no paging. */
export type Paging = "page" | "offset" | "all";

/** One list call in engine terms. */
export interface ListRequest<R> {
  source: ListSource<R>;
  filter: FilterGroup;
  order: readonly OrderTerm[];
  start: number | undefined;
  paging: Paging;
  /** `ID` for legacy tables, `id` for crm.item. */
  idField: string;
  timeZone: string;
  strict?: boolean;
  /** Filter keys the method evaluates itself, via `extra`. */
  skip?: ReadonlySet<string>;
  extra?: Predicate<R>;
}

/** Rows of the page, the match count (0 with start=-1) and `next`. */
export interface ListPage<R> {
  rows: R[];
  total: number;
  next?: number;
}

interface IdRange {
  min: number;
  max: number;
}

/** Pulls top-level numeric ID bounds out of an AND filter. */
function splitIdRange(filter: FilterGroup, idField: string): { range: IdRange; rest: FilterGroup } {
  const range: IdRange = { min: -Infinity, max: Infinity };
  if (filter.logic !== "AND") return { range, rest: filter };
  const rest: FilterGroup = { logic: "AND", items: [] };
  for (const item of filter.items) {
    const c = item as Condition;
    const n =
      "op" in item && c.field === idField && !Array.isArray(c.value) ? Number(c.value) : NaN;
    if (!Number.isFinite(n) || !["gt", "gte", "lt", "lte", "eq"].includes(c.op)) {
      rest.items.push(item);
      continue;
    }
    if (c.op === "gt") range.min = Math.max(range.min, Math.floor(n) + 1);
    if (c.op === "gte" || c.op === "eq") range.min = Math.max(range.min, Math.ceil(n));
    if (c.op === "lt") range.max = Math.min(range.max, Math.ceil(n) - 1);
    if (c.op === "lte" || c.op === "eq") range.max = Math.min(range.max, Math.floor(n));
  }
  return { range, rest };
}

function lowerBound<R>(src: ListSource<R>, id: number): number {
  let lo = 0;
  let hi = src.rows.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (src.idOf(src.rows[mid] as R) < id) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Runs one list request: the page of rows, the match count and `next`. */
export function runList<R>(req: ListRequest<R>): ListPage<R> {
  const { source: src } = req;
  const { range, rest } = splitIdRange(req.filter, req.idField);
  const base = compileFilter(rest, src, {
    timeZone: req.timeZone,
    strict: req.strict ?? false,
    skip: req.skip,
  });
  const extra = req.extra;
  const match: Predicate<R> = extra ? (row) => base(row) && extra(row) : base;

  const noCount = req.start !== undefined && req.start < 0;
  const start = Math.max(req.start ?? 0, 0);
  const offset =
    req.paging === "all" || noCount
      ? 0
      : req.paging === "page"
        ? Math.floor(start / PAGE_SIZE) * PAGE_SIZE
        : start;
  const limit = req.paging === "all" ? Infinity : PAGE_SIZE;

  const lo = lowerBound(src, range.min);
  const hi = lowerBound(src, range.max === Infinity ? Infinity : range.max + 1);
  const order = req.order;
  const byId = order.length === 0 || (order.length === 1 && order[0]?.field === req.idField);
  const page: R[] = [];
  let total = 0;

  if (byId) {
    const desc = order[0]?.desc ?? false;
    for (let k = 0; k < hi - lo; k++) {
      const row = src.rows[desc ? hi - 1 - k : lo + k] as R;
      if (!match(row)) continue;
      if (total >= offset && page.length < limit) page.push(row);
      total++;
      if (noCount && page.length >= limit) break;
    }
  } else {
    const matched: { row: R; keys: (Comparable | undefined)[] }[] = [];
    for (let i = lo; i < hi; i++) {
      const row = src.rows[i] as R;
      if (!match(row)) continue;
      const keys = order.map((t) =>
        toComparable(src.valueOf(row, t.field), src.kindOf(t.field) ?? "string", req.timeZone),
      );
      matched.push({ row, keys });
    }
    matched.sort((a, b) => compareKeys(a.keys, b.keys, order) || src.idOf(a.row) - src.idOf(b.row));
    total = matched.length;
    for (let i = offset; i < matched.length && page.length < limit; i++) {
      page.push((matched[i] as { row: R }).row);
    }
  }

  if (noCount) return { rows: page, total: 0 };
  const result: ListPage<R> = { rows: page, total };
  if (req.paging !== "all" && offset + page.length < total) result.next = offset + page.length;
  return result;
}

function compareKeys(
  a: (Comparable | undefined)[],
  b: (Comparable | undefined)[],
  order: readonly OrderTerm[],
): number {
  for (let i = 0; i < order.length; i++) {
    const x = a[i];
    const y = b[i];
    let d = 0;
    if (x === undefined && y !== undefined) d = -1;
    else if (x !== undefined && y === undefined) d = 1;
    else if (x !== undefined && y !== undefined) {
      d = typeof x === "number" && typeof y === "number" ? x - y : x < y ? -1 : x > y ? 1 : 0;
    }
    if (d !== 0) return order[i]?.desc ? -d : d;
  }
  return 0;
}

/**
 * Expands a legacy `select` (docs: crm-deal-list.md): `*` = all non-multiple
 * system fields, `UF_*` = all user fields, multi-fields (PHONE, EMAIL…) only
 * when named. Empty or missing → `*` + `UF_*`. `ID` is always kept so ID
 * cursors work.
 */
export function expandSelect(
  raw: unknown,
  star: readonly string[],
  userFields: readonly string[],
  named: (field: string) => boolean,
): string[] {
  const list = Array.isArray(raw)
    ? raw.filter((v): v is string => typeof v === "string")
    : typeof raw === "object" && raw !== null
      ? Object.values(raw).filter((v): v is string => typeof v === "string")
      : [];
  const wanted = list.length === 0 ? ["*", "UF_*"] : list;
  const out = new Set<string>(["ID"]);
  for (const item of wanted) {
    const name = item.toUpperCase();
    if (name === "*") star.forEach((f) => out.add(f));
    else if (name === "UF_*") userFields.forEach((f) => out.add(f));
    else if (named(name)) out.add(name);
  }
  return [...out];
}
