/**
 * An id-ordered table. Ids only grow (each table has its own counter, like a
 * MySQL auto-increment), so appending keeps `rows` sorted: a lookup or a
 * `>ID` cursor is a binary search, not a scan.
 */
export class Table<R extends { readonly id: number }> {
  private readonly items: R[] = [];
  private lastId = 0;

  /** Rows in ascending id order; do not mutate the array itself. */
  get rows(): readonly R[] {
    return this.items;
  }

  get size(): number {
    return this.items.length;
  }

  /** The id the next `insert` should use. */
  nextId(): number {
    return this.lastId + 1;
  }

  /** Highest id ever issued (deleted rows keep their ids used). */
  get maxIssuedId(): number {
    return this.lastId;
  }

  /** Appends a row; its id must be higher than every id issued before. */
  insert(row: R): R {
    if (row.id <= this.lastId && this.items.length > 0) {
      throw new Error(`Table ids must grow: ${row.id} after ${this.lastId}`);
    }
    this.items.push(row);
    this.lastId = Math.max(this.lastId, row.id);
    return row;
  }

  /** Index of the first row whose id is >= `id`. */
  lowerBound(id: number): number {
    let lo = 0;
    let hi = this.items.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.items[mid] as R).id < id) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  get(id: number): R | undefined {
    const i = this.lowerBound(id);
    const row = this.items[i];
    return row !== undefined && row.id === id ? row : undefined;
  }

  delete(id: number): boolean {
    const i = this.lowerBound(id);
    const row = this.items[i];
    if (row === undefined || row.id !== id) return false;
    this.items.splice(i, 1);
    return true;
  }

  /** Makes sure future ids start after `id` (used when loading seeds). */
  reserve(id: number): void {
    this.lastId = Math.max(this.lastId, id);
  }
}
