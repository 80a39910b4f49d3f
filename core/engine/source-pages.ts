/**
 * The source's pages with connector errors attributed to the source side, and
 * the generator closed whenever the caller stops early (pause, quota, pilot).
 */
import type { ReadOptions, ReadPage } from "../connectors/connector.js";
import type { CanonicalRecord, EntityKind } from "../model/canonical.js";
import type { RunContext } from "./context.js";

export async function* sourcePages(
  ctx: RunContext,
  entity: EntityKind,
  options: ReadOptions,
): AsyncGenerator<ReadPage> {
  const pages = ctx.input.source.read(entity, options);
  try {
    for (;;) {
      const next = await ctx.call("source", () => pages.next());
      if (next.done) return;
      yield next.value;
    }
  } finally {
    await pages.return(undefined);
  }
}

/** The first `limit` records of an entity in the source's order (one read request for a small pilot). */
export async function firstRecords(
  ctx: RunContext,
  entity: EntityKind,
  limit: number,
): Promise<CanonicalRecord[]> {
  const records: CanonicalRecord[] = [];
  if (limit <= 0) return records;
  for await (const page of sourcePages(ctx, entity, { cursor: null, signal: ctx.input.signal })) {
    records.push(...page.records.slice(0, limit - records.length));
    if (records.length >= limit) break;
  }
  return records;
}
