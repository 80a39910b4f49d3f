/**
 * Bitrix24 field types → canonical `FieldType`s, and back for new custom fields.
 *
 * Choices (documented for the mapping side):
 * - the deal/lead amount stays two fields as Bitrix24 stores it: `OPPORTUNITY`
 *   (number) and `CURRENCY_ID` (enum of the portal's currencies); only `money`
 *   user fields (`"100|RUB"`) become canonical `money`;
 * - `char` Y/N flags and `boolean` user fields → boolean;
 * - `crm_status` → enum with the status items, except the deal `STAGE_ID` and lead
 *   `STATUS_ID`, which are `stage` (deal stages grouped by pipeline), and the deal
 *   `CATEGORY_ID`, which is `pipeline`;
 * - multi-fields PHONE/EMAIL/WEB(+LINK)/IM → phones/emails/urls/ims;
 * - a `crm` user field bound to one entity type holds plain ids → entity_ref;
 *   bound to several it holds `CO_3`-style values → string.
 *
 * Types: https://apidocs.bitrix24.com/api-reference/crm/data-types.html,
 * user field types https://apidocs.bitrix24.com/api-reference/crm/universal/user-defined-fields/crm-userfield-types.html
 */
import type { EntityKind, FieldType } from "../../model/canonical.js";

export interface CanonicalType {
  type: FieldType;
  refEntity?: EntityKind;
}

const MULTI: Readonly<Record<string, FieldType>> = {
  PHONE: "phones",
  EMAIL: "emails",
  WEB: "urls",
  LINK: "urls",
  IM: "ims",
};

const REF: Readonly<Record<string, EntityKind>> = {
  crm_company: "companies",
  crm_contact: "contacts",
  crm_lead: "leads",
  crm_deal: "deals",
};

/** `crm` user field settings `{LEAD: "Y", CONTACT: "N"…}` → the one bound entity, if one. */
function crmBinding(
  settings: Readonly<Record<string, unknown>> | undefined,
): EntityKind | undefined {
  if (settings === undefined) return undefined;
  const on = (
    [
      ["LEAD", "leads"],
      ["CONTACT", "contacts"],
      ["COMPANY", "companies"],
      ["DEAL", "deals"],
    ] as const
  ).filter(([key]) => settings[key] === "Y" || settings[key] === true);
  return on.length === 1 ? on[0]?.[1] : undefined;
}

/** The canonical type of field `code` of `entity` whose Bitrix24 type is `type`. */
export function canonicalType(
  entity: EntityKind,
  code: string,
  type: string,
  settings?: Readonly<Record<string, unknown>>,
): CanonicalType {
  switch (type) {
    case "integer":
      return { type: "integer" };
    case "double":
      return { type: "number" };
    case "money":
      return { type: "money" };
    case "char":
    case "boolean":
      return { type: "boolean" };
    case "date":
      return { type: "date" };
    case "datetime":
      return { type: "datetime" };
    case "user":
    case "employee":
      return { type: "user_ref" };
    case "enumeration":
    case "crm_currency":
      return { type: "enum" };
    case "crm_category":
      return { type: "pipeline" };
    case "crm_status":
      if (
        (entity === "deals" && code === "STAGE_ID") ||
        (entity === "leads" && code === "STATUS_ID")
      ) {
        return { type: "stage" };
      }
      return { type: "enum" };
    case "crm_multifield":
      return { type: MULTI[code] ?? "string" };
    case "file":
      return { type: "file" };
    case "crm": {
      const ref = crmBinding(settings);
      return ref === undefined ? { type: "string" } : { type: "entity_ref", refEntity: ref };
    }
    case "string":
      return { type: code === "COMMENTS" ? "text" : "string" };
    default: {
      const ref = REF[type];
      if (ref !== undefined) return { type: "entity_ref", refEntity: ref };
      if (type === "crm_quote") return { type: "entity_ref" };
      return { type: "string" };
    }
  }
}

export interface UserTypeSpec {
  userTypeId: string;
  settings?: Record<string, string | number>;
  /** Boolean user fields cannot be multiple. */
  multipleAllowed: boolean;
}

const ENTITY_BINDING: Readonly<Partial<Record<EntityKind, string>>> = {
  leads: "LEAD",
  contacts: "CONTACT",
  companies: "COMPANY",
  deals: "DEAL",
};

/**
 * The `USER_TYPE_ID` (and settings) of a new custom field of canonical `type`, or
 * null when Bitrix24 has no user field for it (pipelines, stages: use `ensureItems`).
 * https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.html
 */
export function userTypeFor(type: FieldType, refEntity?: EntityKind): UserTypeSpec | null {
  switch (type) {
    case "string":
    case "phones":
    case "emails":
    case "ims":
      return { userTypeId: "string", multipleAllowed: true };
    case "text":
      return { userTypeId: "string", settings: { ROWS: 5 }, multipleAllowed: true };
    case "urls":
      return { userTypeId: "url", multipleAllowed: true };
    case "number":
      return { userTypeId: "double", settings: { PRECISION: 2 }, multipleAllowed: true };
    case "integer":
      return { userTypeId: "integer", multipleAllowed: true };
    case "money":
      return { userTypeId: "money", multipleAllowed: true };
    case "date":
      return { userTypeId: "date", multipleAllowed: true };
    case "datetime":
      return { userTypeId: "datetime", multipleAllowed: true };
    case "boolean":
      return { userTypeId: "boolean", multipleAllowed: false };
    case "enum":
      return { userTypeId: "enumeration", multipleAllowed: true };
    case "user_ref":
      return { userTypeId: "employee", multipleAllowed: true };
    case "file":
      return { userTypeId: "file", multipleAllowed: true };
    case "entity_ref": {
      const binding = refEntity === undefined ? undefined : ENTITY_BINDING[refEntity];
      if (binding === undefined) return null;
      const settings: Record<string, string> = { LEAD: "N", CONTACT: "N", COMPANY: "N", DEAL: "N" };
      settings[binding] = "Y";
      return { userTypeId: "crm", settings, multipleAllowed: true };
    }
    default:
      return null;
  }
}
