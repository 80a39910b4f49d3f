import { describe, expect, it } from "vitest";
import { parseFilter, parseKey } from "./filter.js";
import {
  expandSelect,
  FilterError,
  OrderError,
  parseOrder,
  runList,
  type ListSource,
} from "./list-query.js";
import type { Row, ValueKind } from "./types.js";

const TZ = "+03:00";
const KINDS: Record<string, ValueKind> = {
  ID: "int",
  NAME: "string",
  AMOUNT: "float",
  CREATED: "datetime",
  DAY: "date",
  TAGS: "int",
};

function table(n: number): Row[] {
  return Array.from({ length: n }, (_, i) => ({
    id: i + 1,
    f: {
      NAME: i % 3 === 0 ? `Alpha ${i + 1}` : `beta ${i + 1}`,
      AMOUNT: (i + 1) * 10,
      CREATED: Date.UTC(2025, 0, 1) + i * 86_400_000,
      DAY: `2025-01-${String((i % 28) + 1).padStart(2, "0")}`,
      TAGS: [i % 2, 5],
    },
  }));
}

function source(rows: Row[]): ListSource<Row> {
  return {
    rows,
    idOf: (r) => r.id,
    valueOf: (r, f) => (f === "ID" ? r.id : r.f[f]),
    kindOf: (f) => KINDS[f],
  };
}

function ids(rows: readonly Row[]): number[] {
  return rows.map((r) => r.id);
}

function list(
  rows: Row[],
  filter: unknown,
  opts: {
    start?: number;
    order?: unknown;
    paging?: "page" | "offset" | "all";
    strict?: boolean;
  } = {},
) {
  const src = source(rows);
  return runList({
    source: src,
    filter: parseFilter(filter),
    order: parseOrder(opts.order, (f) => src.kindOf(f) !== undefined, opts.strict),
    start: opts.start,
    paging: opts.paging ?? "page",
    idField: "ID",
    timeZone: TZ,
    strict: opts.strict,
  });
}

describe("filter key prefixes", () => {
  it.each([
    [">=ID", "gte", "ID"],
    [">ID", "gt", "ID"],
    ["<=ID", "lte", "ID"],
    ["<ID", "lt", "ID"],
    ["=ID", "eq", "ID"],
    ["ID", "eq", "ID"],
    ["!ID", "neq", "ID"],
    ["!=ID", "neq", "ID"],
    ["@ID", "in", "ID"],
    ["!@ID", "nin", "ID"],
    ["%NAME", "like", "NAME"],
    ["!%NAME", "nlike", "NAME"],
    ["=%NAME", "pattern", "NAME"],
    ["%=NAME", "pattern", "NAME"],
    ["!=%NAME", "npattern", "NAME"],
    ["><ID", "between", "ID"],
    ["!><ID", "nbetween", "ID"],
  ])("%s → %s on %s", (key, op, field) => {
    expect(parseKey(key)).toEqual({ op, field });
  });
});

describe("filter semantics", () => {
  const rows = table(30);
  it.each<[string, unknown, number[]]>([
    ["numbers compare as numbers", { ">AMOUNT": "90", "<ID": 13 }, [10, 11, 12]],
    ["<= and >= bound a range", { ">=ID": 5, "<=ID": 7 }, [5, 6, 7]],
    ["@ takes a list", { "@ID": [3, "4", 29] }, [3, 4, 29]],
    ["plain arrays mean IN", { ID: [1, 2] }, [1, 2]],
    ["!@ excludes a list", { "!@ID": [1, 2], "<ID": 5 }, [3, 4]],
    ["! excludes a value", { "!ID": 1, "<ID": 3 }, [2]],
    ["% is a case-insensitive substring", { "%NAME": "ALPHA 1" }, [1, 10, 13, 16, 19]],
    ["=% uses wildcards", { "=%NAME": "beta 2_" }, [20, 21, 23, 24, 26, 27, 29]],
    ["datetimes compare as dates", { ">=CREATED": "2025-01-29T00:00:00+00:00" }, [29, 30]],
    ["portal-format dates work", { "<CREATED": "02.01.2025 05:00:00" }, [1, 2]],
    ["dates compare as dates", { DAY: "2025-01-03" }, [3]],
    ["multiple values match any", { TAGS: 1, "<ID": 5 }, [2, 4]],
    ["OR groups", { "0": { logic: "OR", ID: 1, "%NAME": "beta 30" } }, [1, 30]],
    ["between", { "><ID": [3, 5] }, [3, 4, 5]],
  ])("%s", (_name, filter, expected) => {
    expect(ids(list(rows, filter, { start: -1, paging: "all" }).rows)).toEqual(expected);
  });

  it("ignores unknown fields in lenient mode and refuses them in strict mode", () => {
    expect(list(rows, { NOPE: 1 }).total).toBe(30);
    expect(() => list(rows, { NOPE: 1 }, { strict: true })).toThrow(FilterError);
    expect(() => list(rows, { ">CREATED": "yesterday-ish" }, { strict: true })).toThrow(
      "has invalid value",
    );
  });
});

describe("paging", () => {
  const rows = table(137);
  it("legacy start is page-aligned: start=75 gives rows 50–99", () => {
    const page = list(rows, {}, { start: 75 });
    expect(page.rows[0]?.id).toBe(51);
    expect(page.rows).toHaveLength(50);
    expect(page.next).toBe(100);
    expect(page.total).toBe(137);
  });
  it("offset paging uses start exactly", () => {
    const page = list(rows, {}, { start: 75, paging: "offset" });
    expect(page.rows[0]?.id).toBe(76);
    expect(page.next).toBe(125);
  });
  it("the last page has no next", () => {
    const page = list(rows, {}, { start: 100 });
    expect(page.rows).toHaveLength(37);
    expect(page.next).toBeUndefined();
  });
  it("start=-1 counts nothing: total 0, no next", () => {
    const page = list(rows, {}, { start: -1 });
    expect(page.rows).toHaveLength(50);
    expect(page.total).toBe(0);
    expect(page.next).toBeUndefined();
  });
  it("the >ID cursor with start=-1 walks every row once", () => {
    const seen: number[] = [];
    let last = 0;
    for (;;) {
      const page = list(rows, { ">ID": last }, { start: -1, order: { ID: "ASC" } });
      seen.push(...ids(page.rows));
      if (page.rows.length < 50) break;
      last = page.rows[page.rows.length - 1]?.id ?? 0;
    }
    expect(seen).toEqual(ids(rows));
  });
  it("cursor over deleted ids matches a full scan", () => {
    const sparse = rows.filter((r) => r.id % 7 !== 0);
    expect(ids(list(sparse, { ">ID": 69, "%NAME": "a" }, { start: -1 }).rows)).toEqual(
      sparse
        .filter((r) => r.id > 69 && String(r.f.NAME).toLowerCase().includes("a"))
        .slice(0, 50)
        .map((r) => r.id),
    );
  });
});

describe("order", () => {
  const rows = table(10);
  it("sorts by any field, ties by id", () => {
    expect(ids(list(rows, {}, { order: { NAME: "DESC" } }).rows).slice(0, 3)).toEqual([9, 8, 6]);
    expect(ids(list(rows, {}, { order: { ID: "DESC" } }).rows)).toEqual([
      10, 9, 8, 7, 6, 5, 4, 3, 2, 1,
    ]);
  });
  it("strict mode refuses unknown fields and directions", () => {
    expect(() => parseOrder({ NOPE: "ASC" }, () => false, true)).toThrow(OrderError);
    expect(() => parseOrder({ ID: "UP" }, () => true, true)).toThrow(
      "allowed sort directions are ASC, DESC",
    );
  });
});

describe("select", () => {
  const star = ["TITLE", "STAGE_ID"];
  const uf = ["UF_CRM_A"];
  const named = (f: string) => [...star, ...uf, "PHONE", "EMAIL"].includes(f);
  it("defaults to * + UF_* and omits multi-fields", () => {
    expect(expandSelect(undefined, star, uf, named)).toEqual([
      "ID",
      "TITLE",
      "STAGE_ID",
      "UF_CRM_A",
    ]);
  });
  it("keeps PHONE/EMAIL only when named, and always ID", () => {
    expect(expandSelect(["*", "PHONE"], star, uf, named)).toEqual([
      "ID",
      "TITLE",
      "STAGE_ID",
      "PHONE",
    ]);
    expect(expandSelect(["title", "EMAIL", "NOPE"], star, uf, named)).toEqual([
      "ID",
      "TITLE",
      "EMAIL",
    ]);
  });
});
