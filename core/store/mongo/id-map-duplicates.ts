/**
 * What to make of id map inserts the unique index refused: the stored entry
 * either has the same target id (an idempotent retry) or another one (a
 * conflict). If it was deleted in the meantime, the insert is tried once more.
 */
import type { Collection } from "mongodb";
import { transientError } from "../../errors.js";
import type { IdMapConflict, IdMapEntry, IdMapPutManyResult } from "../ports/index.js";
import { keyOf } from "../shared/keys.js";
import type { IdMapDoc } from "./docs.js";
import { isDuplicateKey } from "./errors.js";

export type DuplicateOutcome =
  | { kind: "inserted" | "unchanged"; entry: IdMapEntry }
  | { kind: "conflict"; conflict: IdMapConflict };

const toEntry = ({ _id, ...entry }: IdMapDoc): IdMapEntry => entry;
const keyOfDoc = (d: IdMapDoc) => keyOf(d.migrationId, d.entity, d.sourceId);

function compare(doc: IdMapDoc, stored: IdMapDoc): DuplicateOutcome {
  if (stored.targetId === doc.targetId) return { kind: "unchanged", entry: toEntry(stored) };
  const { migrationId, entity, sourceId, targetId } = doc;
  return {
    kind: "conflict",
    conflict: { migrationId, entity, sourceId, targetId, existingTargetId: stored.targetId },
  };
}

/** One outcome per refused document, in order. */
export async function resolveDuplicates(
  idMap: Collection<IdMapDoc>,
  docs: readonly IdMapDoc[],
): Promise<DuplicateOutcome[]> {
  const stored = new Map<string, IdMapDoc>();
  const groups = new Map<string, IdMapDoc[]>();
  for (const doc of docs) {
    const group = keyOf(doc.migrationId, doc.entity);
    groups.set(group, [...(groups.get(group) ?? []), doc]);
  }
  for (const group of groups.values()) {
    const [first] = group;
    if (!first) continue;
    const sourceIds = [...new Set(group.map((d) => d.sourceId))];
    const { migrationId, entity } = first;
    const found = await idMap.find({ migrationId, entity, sourceId: { $in: sourceIds } }).toArray();
    for (const doc of found) stored.set(keyOfDoc(doc), doc);
  }
  const outcomes: DuplicateOutcome[] = [];
  for (const doc of docs) {
    const found = stored.get(keyOfDoc(doc)) ?? (await insertAgain(idMap, doc));
    stored.set(keyOfDoc(doc), found === "inserted" ? doc : found);
    outcomes.push(
      found === "inserted" ? { kind: "inserted", entry: toEntry(doc) } : compare(doc, found),
    );
  }
  return outcomes;
}

/** The stored entry vanished: insert once more, or return whoever won the race. */
async function insertAgain(
  idMap: Collection<IdMapDoc>,
  doc: IdMapDoc,
): Promise<IdMapDoc | "inserted"> {
  try {
    await idMap.insertOne(doc);
    return "inserted";
  } catch (error) {
    if (!isDuplicateKey(error)) throw error;
  }
  const { migrationId, entity, sourceId } = doc;
  const winner = await idMap.findOne({ migrationId, entity, sourceId });
  if (!winner)
    throw transientError("id map entry kept disappearing while it was stored; try again");
  return winner;
}

/** Adds the outcomes to a `putMany` result. */
export function classify(
  result: IdMapPutManyResult,
  insertedAtOnce: number,
  outcomes: readonly DuplicateOutcome[],
): IdMapPutManyResult {
  result.inserted += insertedAtOnce;
  for (const outcome of outcomes) {
    if (outcome.kind === "conflict") result.conflicts.push(outcome.conflict);
    else result[outcome.kind] += 1;
  }
  return result;
}
