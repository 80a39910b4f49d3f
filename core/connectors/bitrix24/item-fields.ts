/**
 * Target records as `crm.item.add/update` fields (entityTypeId 1–4), for writes sent
 * through the universal method while the legacy one has spent its operating budget.
 * Built from `toBitrixFields`, so every value is the one the legacy method gets; only
 * names change: system fields by the documented table below, user fields kept as
 * `UF_CRM_*` (sent with `useOriginalUfNames: "Y"`: camelCase names cannot always be
 * mapped back), multi-fields as `fm` (an array on add, `n0…` keys — new values — on
 * update, which adds to the existing ones as the legacy update does).
 *
 * crm.item ignores fields it does not know without an error, so a record with a field
 * outside the table (addresses, read-only links, PHOTO/LOGO, file uploads: crm.item
 * wants file ids or a format the docs leave open for multiple fields) has no item form
 * and keeps the legacy method.
 *
 * https://apidocs.bitrix24.com/api-reference/crm/universal/crm-item-add.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/crm-item-update.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/object-fields.html
 */
import type { TargetRecord } from "../../model/canonical.js";
import { isMultiFieldCode, toBitrixFields } from "./entities.js";
import type { CrmEntity } from "./names.js";
import type { PhpValue } from "./php-query.js";

const SHARED: Readonly<Record<string, string>> = {
  ASSIGNED_BY_ID: "assignedById",
  OPENED: "opened",
  COMMENTS: "comments",
  ORIGINATOR_ID: "originatorId",
  ORIGIN_ID: "originId",
  UTM_SOURCE: "utmSource",
  UTM_MEDIUM: "utmMedium",
  UTM_CAMPAIGN: "utmCampaign",
  UTM_CONTENT: "utmContent",
  UTM_TERM: "utmTerm",
};

const PERSON: Readonly<Record<string, string>> = {
  HONORIFIC: "honorific",
  NAME: "name",
  SECOND_NAME: "secondName",
  LAST_NAME: "lastName",
  BIRTHDATE: "birthdate",
  POST: "post",
  SOURCE_ID: "sourceId",
  SOURCE_DESCRIPTION: "sourceDescription",
};

const AMOUNT: Readonly<Record<string, string>> = {
  CURRENCY_ID: "currencyId",
  OPPORTUNITY: "opportunity",
  IS_MANUAL_OPPORTUNITY: "isManualOpportunity",
};

/** Legacy system field → crm.item name, per entity: the fields both write alike. */
export const ITEM_NAMES: Readonly<Record<CrmEntity, Readonly<Record<string, string>>>> = {
  leads: {
    ...SHARED,
    ...PERSON,
    ...AMOUNT,
    TITLE: "title",
    COMPANY_TITLE: "companyTitle",
    STATUS_ID: "stageId",
    STATUS_DESCRIPTION: "statusDescription",
    COMPANY_ID: "companyId",
    CONTACT_ID: "contactId",
    CONTACT_IDS: "contactIds",
  },
  deals: {
    ...SHARED,
    ...AMOUNT,
    TITLE: "title",
    TYPE_ID: "typeId",
    CATEGORY_ID: "categoryId",
    STAGE_ID: "stageId",
    IS_RECURRING: "isRecurring",
    PROBABILITY: "probability",
    TAX_VALUE: "taxValue",
    COMPANY_ID: "companyId",
    CONTACT_ID: "contactId",
    CONTACT_IDS: "contactIds",
    BEGINDATE: "begindate",
    CLOSEDATE: "closedate",
    SOURCE_ID: "sourceId",
    SOURCE_DESCRIPTION: "sourceDescription",
    ADDITIONAL_INFO: "additionalInfo",
    LOCATION_ID: "locationId",
  },
  contacts: {
    ...SHARED,
    ...PERSON,
    TYPE_ID: "typeId",
    EXPORT: "export",
    COMPANY_ID: "companyId",
    COMPANY_IDS: "companyIds",
    ORIGIN_VERSION: "originVersion",
  },
  companies: {
    ...SHARED,
    TITLE: "title",
    COMPANY_TYPE: "typeId",
    BANKING_DETAILS: "bankingDetails",
    INDUSTRY: "industry",
    EMPLOYEES: "employees",
    CURRENCY_ID: "currencyId",
    REVENUE: "revenue",
    IS_MY_COMPANY: "isMyCompany",
    ORIGIN_VERSION: "originVersion",
  },
};

/**
 * Left out of an update: the legacy update ignores a deal's pipeline (reference §6.2),
 * while crm.item.update would move the deal to another one.
 */
const IGNORED_ON_UPDATE: ReadonlySet<string> = new Set(["CATEGORY_ID"]);

/** crm.item takes these on add only and silently ignores them on update. */
const CREATE_ONLY: ReadonlySet<string> = new Set(["IS_MY_COMPANY"]);

/** Link to a parent item of another type: `PARENT_ID_1220` ↔ `parentId1220`. */
const PARENT = /^PARENT_ID_(\d+)$/;

const isUpload = (value: PhpValue): boolean =>
  Array.isArray(value)
    ? value.some(isUpload)
    : value !== null && typeof value === "object" && "fileData" in value;

function fmEntries(code: string, value: PhpValue): PhpValue[] {
  if (!Array.isArray(value)) return [];
  return value.map((entry: PhpValue) => {
    const e = (entry ?? {}) as Readonly<Record<string, PhpValue>>;
    return { typeId: code, valueType: e["VALUE_TYPE"], value: e["VALUE"] };
  });
}

/**
 * The `fields` of `crm.item.add/update` for `record`, with the same values and origin
 * stamp as `toBitrixFields`; null when crm.item would not store it the same way.
 */
export function toItemFields(
  entity: CrmEntity,
  record: TargetRecord,
  originTag: string | null,
): Record<string, PhpValue> | null {
  const creating = record.targetId === undefined;
  const names = ITEM_NAMES[entity];
  const fields: Record<string, PhpValue> = {};
  const fm: PhpValue[] = [];
  for (const [code, value] of Object.entries(toBitrixFields(record, originTag))) {
    if (isUpload(value)) return null;
    if (isMultiFieldCode(code)) {
      // Deals have no multi-fields; an item form would not mean the same.
      if (entity === "deals") return null;
      fm.push(...fmEntries(code, value));
      continue;
    }
    if (code.startsWith("UF_")) {
      fields[code] = value;
      continue;
    }
    if (!creating && IGNORED_ON_UPDATE.has(code)) continue;
    if (!creating && CREATE_ONLY.has(code)) return null;
    const parent = PARENT.exec(code);
    const name = parent === null ? names[code] : `parentId${parent[1]}`;
    if (name === undefined) return null;
    fields[name] = value;
  }
  if (fm.length > 0) {
    fields["fm"] = creating ? fm : Object.fromEntries(fm.map((entry, i) => [`n${i}`, entry]));
  }
  return fields;
}
