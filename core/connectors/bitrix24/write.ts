/**
 * Writes and deletes in batches of 50 legacy commands (`crm.<entity>.add`, `.update`
 * when the record has a `targetId`, `.delete`): one request per 50 records, one
 * outcome per record from the batch's `result`/`result_error`.
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html,
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/batch.html
 */
import type { Sleep } from "../../http/sleep.js";
import type { EntityKind, TargetRecord } from "../../model/canonical.js";
import type { OriginStamp, RemoveOutcome, WriteOutcome } from "../connector.js";
import type { Bitrix24Client } from "./client.js";
import { BATCH_LIMIT } from "./client.js";
import { runCommands } from "./command-loop.js";
import { ConversionError, toBitrixFields } from "./entities.js";
import { crmName } from "./names.js";
import type { PhpValue } from "./php-query.js";
import { chunks, findByOrigin } from "./records.js";
import { idSchema } from "./wire.js";

export interface WriteDeps {
  client: Bitrix24Client;
  sleep: Sleep;
}

interface Prepared {
  index: number;
  record: TargetRecord;
  fields: Record<string, PhpValue>;
}

/** Keeps the feed quiet: no "deal created" posts for migrated records (reference §11.2 item 3). */
const QUIET = { REGISTER_SONET_EVENT: "N" } as const;

export async function writeRecords(
  deps: WriteDeps,
  entity: EntityKind,
  records: readonly TargetRecord[],
  origin: OriginStamp,
  signal: AbortSignal,
): Promise<WriteOutcome[]> {
  const name = crmName(entity);
  const outcomes: WriteOutcome[] = [];
  const prepared: Prepared[] = [];
  records.forEach((record, index) => {
    try {
      prepared.push({ index, record, fields: toBitrixFields(record, origin.tag) });
    } catch (error) {
      if (!(error instanceof ConversionError)) throw error;
      outcomes[index] = {
        sourceId: record.sourceId,
        ok: false,
        error: {
          kind: "invalid_input",
          code: "conversion",
          message: error.message,
          path: error.path,
        },
      };
    }
  });
  for (const part of chunks(prepared, BATCH_LIMIT)) {
    const answers = await runCommands(
      deps.client,
      part,
      (p, key) =>
        p.record.targetId === undefined
          ? { key, method: `crm.${name}.add`, params: { fields: p.fields, params: QUIET } }
          : {
              key,
              method: `crm.${name}.update`,
              params: { id: p.record.targetId, fields: p.fields, params: QUIET },
            },
      {
        kind: "write",
        signal,
        sleep: deps.sleep,
        idempotent: part.every((p) => p.record.targetId !== undefined),
        reconcile: async (pending) => {
          const creates = pending.filter((p) => p.record.targetId === undefined);
          const found = await findByOrigin(
            deps.client,
            entity,
            creates.map((p) => p.record.sourceId),
            origin,
            signal,
          );
          const landed = new Map<Prepared, unknown>();
          for (const p of creates) {
            const id = found.get(p.record.sourceId);
            if (id !== undefined) landed.set(p, id);
          }
          return landed;
        },
      },
    );
    for (const p of part) {
      const answer = answers.get(p);
      const { sourceId, targetId } = p.record;
      if (answer === undefined) continue;
      if (!answer.ok) {
        const { kind, code, message } = answer.error;
        outcomes[p.index] = {
          sourceId,
          ok: false,
          error: { kind, message, ...(code === undefined ? {} : { code }) },
        };
        continue;
      }
      const created = targetId === undefined;
      const id = created
        ? idSchema.safeParse(answer.result)
        : { success: true as const, data: targetId };
      outcomes[p.index] = id.success
        ? { sourceId, ok: true, targetId: id.data, created }
        : {
            sourceId,
            ok: false,
            error: {
              kind: "transient",
              code: "unexpected_answer",
              message: `No id came back for ${sourceId}`,
            },
          };
    }
  }
  return records.map(
    (record, i) =>
      outcomes[i] ?? {
        sourceId: record.sourceId,
        ok: false,
        error: { kind: "transient", code: "not_executed", message: "The record was not written" },
      },
  );
}

/** Deletes by id, 50 per request; an unknown id is reported per record as `not_found`. */
export async function removeRecords(
  deps: WriteDeps,
  entity: EntityKind,
  targetIds: readonly string[],
  signal: AbortSignal,
): Promise<RemoveOutcome[]> {
  const name = crmName(entity);
  const outcomes: RemoveOutcome[] = [];
  for (const part of chunks([...targetIds.keys()], BATCH_LIMIT)) {
    const answers = await runCommands(
      deps.client,
      part,
      (i, key) => ({ key, method: `crm.${name}.delete`, params: { id: targetIds[i] ?? "" } }),
      { kind: "write", signal, sleep: deps.sleep, idempotent: true },
    );
    for (const i of part) {
      const targetId = targetIds[i] ?? "";
      const answer = answers.get(i);
      if (answer?.ok === true) {
        outcomes[i] = { targetId, ok: true };
      } else if (answer === undefined) {
        const error = { kind: "transient" as const, code: "not_executed", message: "Not deleted" };
        outcomes[i] = { targetId, ok: false, error };
      } else {
        const { kind, code, message } = answer.error;
        outcomes[i] = {
          targetId,
          ok: false,
          error: { kind, message, ...(code === undefined ? {} : { code }) },
        };
      }
    }
  }
  return outcomes;
}
