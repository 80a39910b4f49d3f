/**
 * Writes and deletes in batches of 50 legacy commands (`crm.<entity>.add`, `.update`
 * when the record has a `targetId`, `.delete`): one request per 50 records, one
 * outcome per record from the batch's `result`/`result_error`. While the legacy
 * method is blocked by its operating budget, creates and updates go out as
 * `crm.item.add/update` instead, which has a budget of its own (write-method.ts),
 * with the same values (item-fields.ts).
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html,
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/batch.html
 */
import { z } from "zod";
import type { Sleep } from "../../http/sleep.js";
import type { EntityKind, TargetRecord } from "../../model/canonical.js";
import type { OriginStamp, RemoveOutcome, WriteOutcome } from "../connector.js";
import { BATCH_LIMIT, type Bitrix24Client, type Command } from "./client.js";
import { runCommands } from "./command-loop.js";
import { ConversionError, toBitrixFields } from "./entities.js";
import { toItemFields } from "./item-fields.js";
import { crmEntity, crmName, ENTITY_TYPE_IDS, type CrmEntity } from "./names.js";
import type { PhpValue } from "./php-query.js";
import { chunks, findByOrigin } from "./records.js";
import { idSchema } from "./wire.js";
import { LEGACY_ROUTE, nextBatch, writeRoute, type WriteRoute } from "./write-method.js";

export interface WriteDeps {
  client: Bitrix24Client;
  sleep: Sleep;
}

interface Prepared {
  index: number;
  record: TargetRecord;
  fields: Record<string, PhpValue>;
  /** The same for crm.item, made when first needed; null: legacy only. */
  itemFields?: Record<string, PhpValue> | null;
}

/** Keeps the feed quiet: no "deal created" posts for migrated records (reference §11.2 item 3). */
const QUIET = { REGISTER_SONET_EVENT: "N" } as const;

/** A create's answer: the new id (legacy add) or the new item (`crm.item.add`). */
const createdIdSchema = z.union([
  idSchema,
  z.object({ item: z.object({ id: idSchema }) }).transform((answer) => answer.item.id),
]);

/** The crm.item fields of `p` if `route` sends it with crm.item and it has an item form. */
function itemFieldsFor(
  p: Prepared,
  entity: CrmEntity,
  route: WriteRoute,
  originTag: string | null,
): Record<string, PhpValue> | null {
  if ((p.record.targetId === undefined ? route.add : route.update) === "legacy") return null;
  p.itemFields ??= toItemFields(entity, p.record, originTag);
  return p.itemFields;
}

/** Whether `p` goes out now without waiting for a blocked legacy method. */
function sendsNow(p: Prepared, entity: CrmEntity, route: WriteRoute, tag: string | null) {
  const method = p.record.targetId === undefined ? route.add : route.update;
  return method === "legacy" || itemFieldsFor(p, entity, route, tag) !== null;
}

/** The command writing `p`: legacy, or crm.item when `route` says so and `p` has an item form. */
function writeCommand(
  p: Prepared,
  key: string,
  entity: CrmEntity,
  route: WriteRoute,
  originTag: string | null,
): Command {
  const { targetId } = p.record;
  const itemFields = itemFieldsFor(p, entity, route, originTag);
  if (itemFields !== null) {
    const item = { entityTypeId: ENTITY_TYPE_IDS[entity], useOriginalUfNames: "Y" };
    return targetId === undefined
      ? { key, method: "crm.item.add", params: { ...item, fields: itemFields } }
      : { key, method: "crm.item.update", params: { ...item, id: targetId, fields: itemFields } };
  }
  const name = crmName(entity);
  return targetId === undefined
    ? { key, method: `crm.${name}.add`, params: { fields: p.fields, params: QUIET } }
    : {
        key,
        method: `crm.${name}.update`,
        params: { id: targetId, fields: p.fields, params: QUIET },
      };
}

export async function writeRecords(
  deps: WriteDeps,
  entity: EntityKind,
  records: readonly TargetRecord[],
  origin: OriginStamp,
  signal: AbortSignal,
): Promise<WriteOutcome[]> {
  const crm = crmEntity(entity);
  const name = crmName(crm);
  const outcomes: WriteOutcome[] = [];
  const prepared: Prepared[] = [];
  const routeNow = () =>
    deps.client.blockedMethods().then(
      (blocked) => writeRoute(blocked, name),
      // A limiter that cannot answer fails the request itself, as it would without this.
      () => LEGACY_ROUTE,
    );
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
  let queue: Prepared[] = prepared;
  while (queue.length > 0) {
    let route = await routeNow();
    const next = nextBatch(queue, BATCH_LIMIT, (p) => sendsNow(p, crm, route, origin.tag));
    const part = next.batch;
    queue = next.rest;
    const answers = await runCommands(
      deps.client,
      part,
      (p, key) => writeCommand(p, key, crm, route, origin.tag),
      {
        kind: "write",
        signal,
        sleep: deps.sleep,
        idempotent: part.every((p) => p.record.targetId !== undefined),
        // A repeat goes out with whichever method is free by then.
        beforeSend: async (attempt) => {
          if (attempt > 1) route = await routeNow();
        },
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
        ? createdIdSchema.safeParse(answer.result)
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
