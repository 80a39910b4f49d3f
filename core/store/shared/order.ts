/** Sort helpers that reproduce MongoDB's order in the memory adapter. */

/** Compares strings by code unit, as MongoDB's default binary collation does for BMP text. */
export function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/** Compares dates by time. */
export function compareDates(a: Date, b: Date): number {
  return a.getTime() - b.getTime();
}

/** Keeps the first `limit` items, or all when no limit is given. */
export function take<T>(items: T[], limit: number | undefined): T[] {
  return limit === undefined ? items : items.slice(0, limit);
}
