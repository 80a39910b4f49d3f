/**
 * What one request of the in-memory CRM does to its records: select a page
 * (id cursor, changed-since filter), write one record (validate, create with
 * its origin stamp or update), remove one record. The connector wraps these
 * in requests; they never count or fail on their own.
 */
import { invalidInput } from "../../errors.js";
import type { CanonicalRecord, EntityKind, TargetRecord } from "../../model/canonical.js";
import type { OriginStamp, RemoveOutcome, WriteOutcome } from "../connector.js";
import { compareIds, type MemoryCrm, type StoredRecord } from "./memory-crm.js";
import { validateRecord } from "./validate.js";

/** `items` cut into runs of `size` (one request each). */
export function chunk<T>(items: readonly T[], size: number): T[][] {
  const out: T[][] = [];
  for (let i = 0; i < items.length; i += Math.max(1, size)) out.push(items.slice(i, i + size));
  return out;
}

export function toCanonical(entity: EntityKind, record: StoredRecord): CanonicalRecord {
  const { id, fields, createdAt, updatedAt } = record;
  return { entity, id, fields, createdAt, updatedAt };
}

/** Records after the id cursor (ascending id), changed at or after `changedSince`. */
export function selectRecords(
  crm: MemoryCrm,
  entity: EntityKind,
  after: string | null,
  changedSince: string | undefined,
): StoredRecord[] {
  if (after !== null && !/^\d+$/.test(after)) {
    throw invalidInput(`Bad cursor "${after}"`, { code: "bad_cursor" });
  }
  const since = changedSince === undefined ? undefined : Date.parse(changedSince);
  if (since !== undefined && Number.isNaN(since)) {
    throw invalidInput(`Bad changedSince "${changedSince}"`, { code: "bad_date" });
  }
  return crm
    .list(entity)
    .filter(
      (r) =>
        (after === null || compareIds(r.id, after) > 0) &&
        (since === undefined || Date.parse(r.updatedAt) >= since),
    );
}

const notFoundError = (entity: EntityKind, id: string) => ({
  kind: "not_found" as const,
  code: "not_found",
  message: `${entity} ${id} not found`,
});

/** Creates (stamped with the origin) or, with `targetId`, updates one record; refusals come back per record. */
export function writeRecord(
  crm: MemoryCrm,
  entity: EntityKind,
  record: TargetRecord,
  origin: OriginStamp,
): WriteOutcome {
  const { sourceId, targetId } = record;
  const existing = targetId === undefined ? undefined : crm.get(entity, targetId);
  if (targetId !== undefined && !existing) {
    return { sourceId, ok: false, error: notFoundError(entity, targetId) };
  }
  const rejection = validateRecord(crm, entity, record.fields, existing?.fields);
  if (rejection) return { sourceId, ok: false, error: rejection };
  if (existing) {
    crm.update(entity, existing.id, record.fields);
    return { sourceId, ok: true, targetId: existing.id, created: false };
  }
  const created = crm.insert(entity, record.fields, { tag: origin.tag, sourceId });
  return { sourceId, ok: true, targetId: created.id, created: true };
}

/** Deletes one record; an unknown id is `not_found`, as Bitrix24 answers "Not found". */
export function removeRecord(crm: MemoryCrm, entity: EntityKind, targetId: string): RemoveOutcome {
  return crm.delete(entity, targetId)
    ? { targetId, ok: true }
    : { targetId, ok: false, error: notFoundError(entity, targetId) };
}

/** Target ids of records stamped with `tag` for these source ids (the oldest wins). */
export function findStamped(
  crm: MemoryCrm,
  entity: EntityKind,
  sourceIds: readonly string[],
  tag: string,
): Array<[string, string]> {
  const wanted = new Set(sourceIds);
  return crm
    .list(entity)
    .flatMap((r): Array<[string, string]> =>
      r.origin?.tag === tag && wanted.has(r.origin.sourceId) ? [[r.origin.sourceId, r.id]] : [],
    );
}
