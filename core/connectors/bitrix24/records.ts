/**
 * Reading CRM records: full reads by `ID` cursor (2,500 rows per request), reads by
 * id, origin look-ups and counts. Deal contacts (`CONTACT_IDS`) and contact companies
 * (`COMPANY_IDS`) are not in legacy lists, so they come from `crm.item.list` in one
 * more request per 2,500 rows.
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-list.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/crm-item-list.html
 */
import { isPereezdError } from "../../errors.js";
import type { CanonicalRecord, EntityKind } from "../../model/canonical.js";
import type { OriginStamp, ReadOptions, ReadPage } from "../connector.js";
import type { Bitrix24Client } from "./client.js";
import { BATCH_LIMIT } from "./client.js";
import { selectFor, toCanonical } from "./entities.js";
import { batchAgainWhenRefused, collect, listPages, PAGE_SIZE } from "./list-all.js";
import { crmName, ENTITY_TYPE_IDS, isCrmEntity } from "./names.js";
import type { PhpValue } from "./php-query.js";
import type { Described } from "./schema.js";
import { idSchema, type Row } from "./wire.js";

export interface RecordsDeps {
  client: Bitrix24Client;
  schemaOf: (entity: EntityKind, signal: AbortSignal) => Promise<Described>;
}

const LINKS: Partial<Record<EntityKind, { code: string; itemField: string }>> = {
  deals: { code: "CONTACT_IDS", itemField: "contactIds" },
  contacts: { code: "COMPANY_IDS", itemField: "companyIds" },
};

export const chunks = <T>(list: readonly T[], size: number): T[][] =>
  Array.from({ length: Math.ceil(list.length / size) }, (_, i) =>
    list.slice(i * size, (i + 1) * size),
  );

const idOf = (row: Row, key = "ID"): string => {
  const id = idSchema.safeParse(row[key]);
  return id.success ? id.data : "";
};

/** Adds the multiple links legacy lists leave out to `rows`; skipped on portals without `crm.item.list`. */
async function withLinks(
  deps: RecordsDeps,
  entity: EntityKind,
  rows: Row[],
  signal: AbortSignal,
): Promise<Row[]> {
  const link = LINKS[entity];
  if (link === undefined || rows.length === 0 || !isCrmEntity(entity)) return rows;
  const queries = chunks(
    rows.map((r) => idOf(r)),
    PAGE_SIZE,
  ).map((ids) => ({
    entityTypeId: ENTITY_TYPE_IDS[entity],
    select: ["id", link.itemField],
    filter: { "@id": ids },
    order: { id: "ASC" },
  }));
  let items: Row[];
  try {
    items = await collect(deps.client, "crm.item.list", queries, {
      kind: "read",
      signal,
      idKey: "id",
      followUp: false,
    });
  } catch (error) {
    if (isPereezdError(error, "config")) return rows;
    throw error;
  }
  const byId = new Map(items.map((item) => [idOf(item, "id"), item[link.itemField]]));
  // Set on the rows themselves (fresh from the answer, ours alone): a copy of each is a page of garbage.
  for (const row of rows) {
    const ids = byId.get(idOf(row));
    if (Array.isArray(ids)) row[link.code] = (ids as unknown[]).map(String);
  }
  return rows;
}

async function convert(
  deps: RecordsDeps,
  entity: EntityKind,
  rows: Row[],
  signal: AbortSignal,
): Promise<CanonicalRecord[]> {
  const { schema } = await deps.schemaOf(entity, signal);
  const linked = await withLinks(deps, entity, rows, signal);
  return linked.map((row) => toCanonical(entity, row, schema));
}

const dateFilter = (changedSince: string | undefined): Record<string, PhpValue> =>
  changedSince === undefined ? {} : { ">=DATE_MODIFY": changedSince };

/** Pages of up to 2,500 records after `options.cursor` (the last `ID` read), ascending. */
export async function* readRecords(
  deps: RecordsDeps,
  entity: EntityKind,
  options: ReadOptions,
): AsyncGenerator<ReadPage> {
  const method = `crm.${crmName(entity)}.list`;
  const signal = options.signal ?? new AbortController().signal;
  const select = selectFor(entity);
  const filter = dateFilter(options.changedSince);
  let cursor = options.cursor ?? "0";
  for (;;) {
    signal.throwIfAborted();
    const chunk = await listPages(
      deps.client,
      {
        method,
        kind: "read",
        params: (after) => ({
          order: { ID: "ASC" },
          filter: { ...filter, ">ID": after },
          select,
          start: -1,
        }),
      },
      cursor,
      signal,
    );
    cursor = chunk.cursor;
    if (chunk.rows.length > 0)
      yield { records: await convert(deps, entity, chunk.rows, signal), cursor };
    if (chunk.done) return;
  }
}

/** Records by id, 2,500 per request, in the order asked; missing ids are left out. */
export async function readByIds(
  deps: RecordsDeps,
  entity: EntityKind,
  ids: readonly string[],
  signal: AbortSignal,
): Promise<CanonicalRecord[]> {
  const method = `crm.${crmName(entity)}.list`;
  const unique = [...new Set(ids)];
  if (unique.length === 0) return [];
  const select = selectFor(entity);
  const queries = chunks(unique, PAGE_SIZE).map((part) => ({
    filter: { "@ID": part },
    select,
    order: { ID: "ASC" },
    start: -1,
  }));
  const rows = await collect(deps.client, method, queries, {
    kind: "read",
    signal,
    followUp: false,
  });
  const records = await convert(deps, entity, rows, signal);
  const byId = new Map(records.map((r) => [r.id, r]));
  return unique.map((id) => byId.get(id)).filter((r): r is CanonicalRecord => r !== undefined);
}

/** Source id → target id of records stamped with `origin.tag` (the oldest if several); 2,450 ids per request. */
export async function findByOrigin(
  client: Bitrix24Client,
  entity: EntityKind,
  sourceIds: readonly string[],
  origin: OriginStamp,
  signal: AbortSignal,
): Promise<Map<string, string>> {
  const method = `crm.${crmName(entity)}.list`;
  const found = new Map<string, string>();
  const unique = [...new Set(sourceIds)];
  if (unique.length === 0) return found;
  // 49 ids per list: a full page of 50 can then only mean duplicates, worth a follow-up.
  const queries = chunks(unique, PAGE_SIZE - 1).map((part) => ({
    filter: { ORIGINATOR_ID: origin.tag, "@ORIGIN_ID": part },
    select: ["ID", "ORIGIN_ID"],
    order: { ID: "ASC" },
    start: -1,
  }));
  const rows = await collect(client, method, queries, { kind: "read", signal });
  rows.sort((a, b) => Number(idOf(a)) - Number(idOf(b)));
  for (const row of rows) {
    const sourceId =
      typeof row["ORIGIN_ID"] === "string" ? row["ORIGIN_ID"] : idOf(row, "ORIGIN_ID");
    if (sourceId !== "" && !found.has(sourceId)) found.set(sourceId, idOf(row));
  }
  return found;
}

interface CountRequest {
  entity: EntityKind;
  changedSince: string | undefined;
  signal: AbortSignal | undefined;
  resolve: (n: number) => void;
  reject: (e: unknown) => void;
}

/**
 * Counts from `total` of a `select=[ID]` list. Counts asked in the same tick share
 * one batch, so discovery of all four entities costs one request.
 */
export function createCounter(client: Bitrix24Client) {
  const pending: CountRequest[] = [];

  async function flush(): Promise<void> {
    const group = pending.splice(0, BATCH_LIMIT);
    if (pending.length > 0) queueMicrotask(() => void flush());
    const signals = group.map((r) => r.signal).filter((s): s is AbortSignal => s !== undefined);
    try {
      const commands = group.map((r, i) => ({
        key: `n${i}`,
        method: `crm.${crmName(r.entity)}.list`,
        params: { select: ["ID"], filter: dateFilter(r.changedSince) },
      }));
      const signal = signals.length > 0 ? AbortSignal.any(signals) : new AbortController().signal;
      const out = await batchAgainWhenRefused(client, commands, { kind: "read", signal });
      group.forEach((r, i) => {
        const outcome = out.get(`n${i}`);
        if (outcome === undefined) r.reject(new Error("count: no answer"));
        else if (!outcome.ok) r.reject(outcome.error);
        else
          r.resolve(outcome.total ?? (Array.isArray(outcome.result) ? outcome.result.length : 0));
      });
    } catch (error) {
      for (const r of group) r.reject(error);
    }
  }

  return (entity: EntityKind, changedSince?: string, signal?: AbortSignal): Promise<number> =>
    new Promise<number>((resolve, reject) => {
      crmName(entity);
      pending.push({ entity, changedSince, signal, resolve, reject });
      if (pending.length === 1) queueMicrotask(() => void flush());
    });
}
