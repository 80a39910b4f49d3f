/**
 * Defaults a new CRM record gets and the fields derived from others
 * (docs: crm/deals/crm-deal-add.md "By default…", crm/main-entities-fields.md
 * STAGE_SEMANTIC_ID): first stage/status/type of the dictionary, base
 * currency, `Deal #id` titles, begin/close dates, HAS_PHONE/HAS_EMAIL, CLOSED.
 */
import { dateOf } from "./dates.js";
import type { PortalData } from "./portal-data.js";
import type { CrmKind, CrmRecord, StoredValue } from "./types.js";

const DAY = 86_400_000;

function firstStatus(data: PortalData, entityId: string): string | null {
  const first = data.statusesOf(entityId)[0];
  return first ? String(first.f.STATUS_ID) : null;
}

/** Semantics of a stage: `P` in progress, `S` success, `F` failure. */
export function stageSemantic(
  data: PortalData,
  entityId: string,
  statusId: unknown,
): "P" | "S" | "F" {
  const status = typeof statusId === "string" ? data.findStatus(entityId, statusId) : undefined;
  const s = status?.f.SEMANTICS;
  return s === "S" ? "S" : s === "F" ? "F" : "P";
}

/** Fills `record.f` with defaults, then the parsed values on top (null values keep defaults). */
export function applyCrmDefaults(
  data: PortalData,
  kind: CrmKind,
  record: CrmRecord,
  values: Record<string, StoredValue>,
  userId: number,
  timeZone: string,
): void {
  const now = data.now();
  const created = typeof values.DATE_CREATE === "number" ? values.DATE_CREATE : now;
  const f: Record<string, StoredValue> = {
    ASSIGNED_BY_ID: userId,
    OPENED: "Y",
    CREATED_BY_ID: userId,
    MODIFY_BY_ID: userId,
    DATE_CREATE: created,
    DATE_MODIFY: created,
  };
  const category = typeof values.CATEGORY_ID === "number" ? values.CATEGORY_ID : 0;
  switch (kind) {
    case "lead":
      Object.assign(f, {
        TITLE: `Lead #${record.id}`,
        STATUS_ID: firstStatus(data, "STATUS"),
        SOURCE_ID: firstStatus(data, "SOURCE"),
        CURRENCY_ID: data.baseCurrency(),
        OPPORTUNITY: 0,
        IS_MANUAL_OPPORTUNITY: "N",
        MOVED_BY_ID: userId,
        MOVED_TIME: created,
      });
      break;
    case "deal":
      Object.assign(f, {
        TITLE: `Deal #${record.id}`,
        CATEGORY_ID: category,
        STAGE_ID: firstStatus(data, data.dealStageEntity(category)),
        TYPE_ID: firstStatus(data, "DEAL_TYPE"),
        SOURCE_ID: firstStatus(data, "SOURCE"),
        CURRENCY_ID: data.baseCurrency(),
        OPPORTUNITY: 0,
        TAX_VALUE: 0,
        IS_MANUAL_OPPORTUNITY: "N",
        IS_RECURRING: "N",
        IS_RETURN_CUSTOMER: "N",
        IS_REPEATED_APPROACH: "N",
        BEGINDATE: dateOf(created, timeZone),
        CLOSEDATE: dateOf(created + 7 * DAY, timeZone),
        MOVED_BY_ID: userId,
        MOVED_TIME: created,
      });
      break;
    case "contact":
      Object.assign(f, {
        TYPE_ID: firstStatus(data, "CONTACT_TYPE"),
        SOURCE_ID: firstStatus(data, "SOURCE"),
        EXPORT: "Y",
      });
      break;
    case "company":
      Object.assign(f, {
        COMPANY_TYPE: firstStatus(data, "COMPANY_TYPE"),
        CURRENCY_ID: data.baseCurrency(),
        REVENUE: 0,
        IS_MY_COMPANY: "N",
      });
      break;
  }
  for (const [name, v] of Object.entries(values)) {
    if (v !== null) f[name] = v;
  }
  if (values.DATE_MODIFY === undefined || values.DATE_MODIFY === null)
    f.DATE_MODIFY = f.DATE_CREATE ?? now;
  for (const [name, v] of Object.entries(f)) {
    if (v === null) delete f[name];
  }
  record.f = f;
}

/** Recomputes HAS_PHONE/HAS_EMAIL/HAS_IMOL, stage semantics, CLOSED, IS_NEW, MOVED_TIME. */
export function deriveCrmFields(
  data: PortalData,
  kind: CrmKind,
  record: CrmRecord,
  before: Record<string, StoredValue> | undefined,
): void {
  const f = record.f;
  if (kind !== "deal") {
    const fm = record.fm ?? [];
    f.HAS_PHONE = fm.some((m) => m.type === "PHONE") ? "Y" : "N";
    f.HAS_EMAIL = fm.some((m) => m.type === "EMAIL") ? "Y" : "N";
    f.HAS_IMOL = fm.some((m) => m.type === "IM" && m.valueType === "IMOL") ? "Y" : "N";
  }
  const stageField = kind === "deal" ? "STAGE_ID" : kind === "lead" ? "STATUS_ID" : undefined;
  if (!stageField) return;
  const entity = kind === "deal" ? data.dealStageEntity(Number(f.CATEGORY_ID ?? 0)) : "STATUS";
  const semantic = stageSemantic(data, entity, f[stageField]);
  if (kind === "deal") {
    f.STAGE_SEMANTIC_ID = semantic;
    f.CLOSED = semantic === "P" ? "N" : "Y";
    f.IS_NEW = f.STAGE_ID === firstStatus(data, entity) ? "Y" : "N";
  } else {
    f.STATUS_SEMANTIC_ID = semantic;
    if (semantic !== "P" && f.DATE_CLOSED === undefined)
      f.DATE_CLOSED = f.DATE_MODIFY ?? data.now();
  }
  if (before && before[stageField] !== f[stageField]) {
    f.MOVED_TIME = f.DATE_MODIFY ?? data.now();
    f.MOVED_BY_ID = f.MODIFY_BY_ID ?? null;
  }
}
