/**
 * `ensureItems`: list items that a mapping needs in the target, matched by label
 * (and pipeline for stages) before anything is created.
 *
 * - enumeration user fields: `crm.<entity>.userfield.update` with new `LIST` entries
 *   (entries without `ID` are added, existing ones are left alone);
 * - deal pipelines (`CATEGORY_ID`): `crm.category.add` with `entityTypeId` 2;
 * - stages and other dictionaries (`crm_status`): `crm.status.add` into `DEAL_STAGE`,
 *   `DEAL_STAGE_<pipeline>`, `STATUS` (lead statuses) or the field's dictionary. A new
 *   working stage is sorted before the final ones: Bitrix24 refuses (and would treat
 *   as a failure) a working stage sorted after the successful one.
 *
 * https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-update.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/category/crm-category-add.html,
 * https://apidocs.bitrix24.com/api-reference/crm/status/crm-status-add.html
 */
import { invalidInput, type PereezdError } from "../../errors.js";
import type { EntityKind } from "../../model/canonical.js";
import type { EnumItem } from "../../model/schema.js";
import type { Command } from "./client.js";
import { codeFor, sameLabel, send, type EnsureDeps } from "./ensure.js";
import { crmName, DEAL_ENTITY_TYPE_ID } from "./names.js";
import type { Described, StatusRow } from "./schema.js";

export type ItemRequest = { label: string; group?: string; semantics?: EnumItem["semantics"] };

const SEMANTICS = { success: "S", failure: "F" } as const;

function match(items: readonly EnumItem[], request: ItemRequest): EnumItem | undefined {
  return items.find(
    (item) =>
      sameLabel(item.label, request.label) &&
      (request.group === undefined || (item.group ?? "0") === request.group),
  );
}

/** The dictionary a new status of this field goes to. */
function statusEntityOf(
  entity: EntityKind,
  code: string,
  group: string | undefined,
  fallback?: string,
): string | undefined {
  if (entity === "deals" && code === "STAGE_ID")
    return group === undefined || group === "0" ? "DEAL_STAGE" : `DEAL_STAGE_${group}`;
  return fallback;
}

const sortOf = (row: StatusRow) => Number(row.SORT ?? 0);
const isFinal = (row: StatusRow) =>
  ["S", "F", "success", "failure"].includes(row.EXTRA?.SEMANTICS ?? row.SEMANTICS ?? "");

/** SORT of the `n`-th new status of a dictionary: working stages before the final ones. */
function nextSort(rows: readonly StatusRow[], semantics: EnumItem["semantics"], n: number): number {
  const working = rows.filter((r) => !isFinal(r)).map(sortOf);
  const finals = rows.filter(isFinal).map(sortOf);
  const top = Math.max(0, ...working, ...finals);
  if (semantics === "success" || semantics === "failure") return top + 10 * (n + 1);
  const before = finals.length > 0 ? Math.min(...finals) : top + 100;
  return Math.min(Math.max(0, ...working) + 1 + n, Math.max(1, before - 1));
}

function plan(
  entity: EntityKind,
  code: string,
  described: Described,
  missing: ItemRequest[],
): Command[] {
  const meta = described.meta.get(code);
  const field = described.schema.fields.find((f) => f.code === code);
  const name = crmName(entity);
  if (meta?.bitrixType === "enumeration" && meta.userFieldId !== undefined) {
    const start = (field?.items?.length ?? 0) + 1;
    const LIST = missing.map((r, n) => ({ VALUE: r.label, SORT: (start + n) * 10 }));
    return [
      {
        key: "i0",
        method: `crm.${name}.userfield.update`,
        params: { id: meta.userFieldId, fields: { LIST } },
      },
    ];
  }
  if (meta?.bitrixType === "crm_category") {
    return missing.map((r, n) => ({
      key: `i${n}`,
      method: "crm.category.add",
      params: { entityTypeId: DEAL_ENTITY_TYPE_ID, fields: { name: r.label, sort: 1000 + n * 10 } },
    }));
  }
  if (meta?.bitrixType === "crm_status") {
    const added = new Map<string, number>();
    return missing.map((r, n) => {
      const entityId = statusEntityOf(entity, code, r.group, meta.statusEntity);
      if (entityId === undefined)
        throw invalidInput(`The field ${code} has no dictionary to add to`, {
          code: "items_not_supported",
        });
      const k = added.get(entityId) ?? 0;
      added.set(entityId, k + 1);
      const rows = described.statuses.filter((s) => s.ENTITY_ID === entityId);
      const semantics =
        r.semantics === "success" || r.semantics === "failure" ? SEMANTICS[r.semantics] : undefined;
      return {
        key: `i${n}`,
        method: "crm.status.add",
        params: {
          fields: {
            ENTITY_ID: entityId,
            STATUS_ID: codeFor(r.label, r.group ?? ""),
            NAME: r.label,
            SORT: nextSort(rows, r.semantics, k),
            ...(semantics === undefined ? {} : { SEMANTICS: semantics }),
          },
        },
      };
    });
  }
  throw invalidInput(`Items cannot be added to the Bitrix24 field ${code}`, {
    code: "items_not_supported",
    details: { entity, field: code },
  });
}

/** Finds or creates the items; returns them in the order of `requests`. */
export async function ensureItems(
  deps: EnsureDeps,
  entity: EntityKind,
  code: string,
  requests: readonly ItemRequest[],
  signal: AbortSignal,
): Promise<EnumItem[]> {
  let described = await deps.describe(entity, signal);
  const itemsOf = (d: Described) => {
    const field = d.schema.fields.find((f) => f.code === code);
    if (field === undefined) {
      throw invalidInput(`The Bitrix24 ${entity} have no field ${code}`, {
        code: "unknown_field",
        details: { entity, field: code },
      });
    }
    return field.items ?? [];
  };
  const missing: ItemRequest[] = [];
  for (const request of requests) {
    const asked = missing.some(
      (m) => sameLabel(m.label, request.label) && m.group === request.group,
    );
    if (!asked && match(itemsOf(described), request) === undefined) {
      missing.push(request);
    }
  }
  let failure: PereezdError | undefined;
  if (missing.length > 0) {
    const answers = await send(deps, plan(entity, code, described, missing), signal);
    for (const outcome of answers.values()) if (!outcome.ok) failure ??= outcome.error;
    described = await deps.describe(entity, signal);
  }
  const items = itemsOf(described);
  return requests.map((request) => {
    const item = match(items, request);
    if (item !== undefined) return item;
    // The portal's own refusal says most (no rights, method missing on an old box…).
    throw (
      failure ??
      invalidInput(`The item "${request.label}" could not be added to ${code}`, {
        code: "item_not_created",
        details: { entity, field: code, label: request.label },
      })
    );
  });
}
