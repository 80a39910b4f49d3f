/**
 * Recording what became of a chunk, before anything else happens: created
 * records into the id map, failures (the mapping's and the target's) into
 * record errors with one event, and errors of records that went through
 * forgotten. Shared by every page (see `process-page.ts`).
 */
import type { WriteOutcome } from "../connectors/connector.js";
import type { ErrorKind } from "../errors.js";
import { redactText } from "../http/redact.js";
import type { EntityKind, TargetRecord } from "../model/canonical.js";
import type { IdMapEntryInput } from "../store/ports/index.js";
import type { RunContext } from "./context.js";
import { describeProblems, type MappedRecords } from "./map-records.js";

/** A record that did not go through, as its record error will store it. */
export interface Failure {
  sourceId: string;
  kind: ErrorKind;
  code: string | undefined;
  message: string;
  path: string | undefined;
}

/** A record the mapping refused, as a record error. */
export function mappingFailure({ sourceId, problems }: MappedRecords["failed"][number]): Failure {
  const error = problems.find((p) => p.severity === "error");
  return {
    sourceId,
    kind: "invalid_input",
    code: error?.code,
    message: describeProblems(problems),
    path: error?.path,
  };
}

/** Records `outcomes` of `chunk`, and `mappingFailures` with them; returns the chunk's counts. */
export async function recordOutcomes(
  ctx: RunContext,
  entity: EntityKind,
  chunk: readonly TargetRecord[],
  outcomes: readonly WriteOutcome[],
  mappingFailures: readonly Failure[],
  entry: (sourceId: string, targetId: string) => IdMapEntryInput,
  clear: boolean,
): Promise<{ written: number; failures: number }> {
  const bySource = new Map(outcomes.map((o) => [o.sourceId, o]));
  const created: IdMapEntryInput[] = [];
  const succeeded: string[] = [];
  const failures: Failure[] = [...mappingFailures];
  for (const record of chunk) {
    const outcome = bySource.get(record.sourceId);
    if (!outcome) {
      failures.push({
        sourceId: record.sourceId,
        kind: "transient",
        code: "no_outcome",
        message: "The target gave no answer for this record",
        path: undefined,
      });
    } else if (outcome.ok) {
      succeeded.push(record.sourceId);
      if (outcome.created) created.push(entry(record.sourceId, outcome.targetId));
    } else {
      const { kind, code, message, path } = outcome.error;
      failures.push({ sourceId: record.sourceId, kind, code, message, path });
    }
  }
  await putEntries(ctx, created);
  await recordFailures(ctx, entity, failures);
  if (clear) await clearErrors(ctx, entity, succeeded);
  return { written: succeeded.length, failures: failures.length };
}

export async function putEntries(
  ctx: RunContext,
  entries: readonly IdMapEntryInput[],
): Promise<void> {
  if (entries.length === 0) return;
  const result = await ctx.input.stores.idMap.putMany(entries);
  for (const c of result.conflicts) {
    ctx.input.logger?.warn(
      {
        migrationId: c.migrationId,
        entity: c.entity,
        sourceId: c.sourceId,
        targetId: c.targetId,
        existingTargetId: c.existingTargetId,
      },
      "id map already maps this record to another target record",
    );
  }
}

async function recordFailures(
  ctx: RunContext,
  entity: EntityKind,
  failures: readonly Failure[],
): Promise<void> {
  if (failures.length === 0) return;
  for (const f of failures) {
    await ctx.input.stores.recordErrors.record({
      migrationId: ctx.migrationId,
      entity,
      sourceId: f.sourceId,
      kind: f.kind,
      message: redactText(f.message).slice(0, 2000),
      ...(f.code !== undefined ? { code: f.code } : {}),
      ...(f.path !== undefined ? { path: f.path } : {}),
    });
  }
  ctx.emit.event({
    type: "records_failed",
    entity,
    count: failures.length,
    examples: failures
      .slice(0, 3)
      .map(({ sourceId, code, message }) => ({ sourceId, code, message: redactText(message) })),
  });
}

export async function clearErrors(
  ctx: RunContext,
  entity: EntityKind,
  sourceIds: readonly string[],
): Promise<void> {
  for (const sourceId of sourceIds)
    await ctx.input.stores.recordErrors.clear(ctx.migrationId, entity, sourceId);
}
