/**
 * `crm.item.import` and `crm.item.batchImport` (docs:
 * api-reference/crm/universal/import/*.md): adding with history. Administrators
 * may set createdTime/updatedTime/movedTime/createdBy/updatedBy/movedBy;
 * items go in ascending createdTime, no future dates, updatedTime ≥
 * createdTime, movedTime between them. batchImport takes at most 20 rows and
 * answers per row (`{item:{id}}` or `{error, error_description}`), HTTP 200.
 */
import { addCrmRecord, CrmWriteError } from "../data/crm-write.js";
import { crmField } from "../data/crm-fields.js";
import { parseDateTime } from "../data/dates.js";
import type { CrmKind } from "../data/types.js";
import { RestError, type MethodCall, type MethodDefinition } from "../method-types.js";
import { COST } from "./costs.js";
import { itemFieldsToUpper, itemKind, itemWriteError } from "./crm-item-common.js";
import { dictParam, isDict, listOf, param } from "./params.js";

const HISTORY = [
  "DATE_CREATE",
  "DATE_MODIFY",
  "MOVED_TIME",
  "CREATED_BY_ID",
  "MODIFY_BY_ID",
  "MOVED_BY_ID",
];

function invalid(kind: CrmKind, field: string): CrmWriteError {
  return new CrmWriteError("invalid", field, crmField(kind, field)?.title ?? field);
}

/** Checks the documented history constraints; throws CrmWriteError. */
function checkHistory(call: MethodCall, kind: CrmKind, upper: Record<string, unknown>): void {
  const given = HISTORY.filter(
    (f) => upper[f] !== undefined && upper[f] !== null && upper[f] !== "",
  );
  if (given.length === 0) return;
  const { data, timeZone } = call.portal;
  if (!data.isAdmin(call.caller.userId)) throw invalid(kind, given[0] as string);
  const at = (f: string): number | undefined => {
    if (upper[f] === undefined || upper[f] === null || upper[f] === "") return undefined;
    const ms = parseDateTime(upper[f], timeZone);
    if (ms === null) throw invalid(kind, f);
    return ms;
  };
  const created = at("DATE_CREATE");
  const updated = at("DATE_MODIFY");
  const moved = at("MOVED_TIME");
  const now = data.now();
  if ((created ?? 0) > now) throw invalid(kind, "DATE_CREATE");
  if ((updated ?? 0) > now) throw invalid(kind, "DATE_MODIFY");
  if (created !== undefined) {
    const rows = data.crm[kind].rows;
    const newest = rows.length > 0 ? Number(rows[rows.length - 1]?.f.DATE_CREATE ?? 0) : 0;
    if (created < newest) throw invalid(kind, "DATE_CREATE");
  }
  if (created !== undefined && updated !== undefined && updated < created)
    throw invalid(kind, "DATE_MODIFY");
  if (
    moved !== undefined &&
    ((created !== undefined && moved < created) || (updated !== undefined && moved > updated))
  ) {
    throw invalid(kind, "MOVED_TIME");
  }
}

/** Imports one row; returns the new id. */
function importOne(call: MethodCall, kind: CrmKind, fields: Record<string, unknown>): number {
  const { upper, fm } = itemFieldsToUpper(call.portal.data, kind, fields);
  checkHistory(call, kind, upper);
  const record = addCrmRecord({
    data: call.portal.data,
    kind,
    userId: call.caller.userId,
    timeZone: call.portal.timeZone,
    fields: upper,
    fm,
    history: true,
  });
  return record.id;
}

/** Rows per crm.item.batchImport (docs: MAX_IMPORT_BATCH_SIZE_EXCEEDED). */
export const MAX_IMPORT_BATCH = 20;

/** crm.item.import and crm.item.batchImport. */
export const crmItemImportMethods: MethodDefinition[] = [
  {
    name: "crm.item.import",
    scope: "crm",
    cost: COST.import,
    handler: (call) => {
      const kind = itemKind(call);
      try {
        return {
          result: { item: { id: importOne(call, kind, dictParam(call.params, "fields")) } },
        };
      } catch (error) {
        return itemWriteError(error);
      }
    },
  },
  {
    name: "crm.item.batchImport",
    scope: "crm",
    cost: (call) =>
      COST.import +
      COST.importRow * Math.min(listOf(param(call.params, "data")).length, MAX_IMPORT_BATCH),
    handler: (call) => {
      const kind = itemKind(call);
      const rows = listOf(param(call.params, "data"));
      if (rows.length > MAX_IMPORT_BATCH) {
        throw new RestError(
          "MAX_IMPORT_BATCH_SIZE_EXCEEDED",
          `You cannot import more than ${MAX_IMPORT_BATCH} items`,
        );
      }
      const items = rows.map((row) => {
        try {
          return { item: { id: importOne(call, kind, isDict(row) ? row : {}) } };
        } catch (error) {
          try {
            itemWriteError(error);
          } catch (mapped) {
            if (mapped instanceof RestError)
              return { error: mapped.code, error_description: mapped.description };
            throw mapped;
          }
          throw error;
        }
      });
      return { result: { items } };
    },
  },
];
