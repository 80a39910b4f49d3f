/**
 * System fields of leads, contacts, companies and deals as `crm.*.fields`
 * describes them (docs: api-reference/crm/{leads,contacts,companies,deals}/crm-*-fields.md).
 * Records store values under these UPPER_CASE names; crm.item uses the
 * camelCase names from `camel-names.ts`.
 */
import type { CrmKind, ValueKind } from "./types.js";

/** Field types as `crm.*.fields` names them. */
export type CrmFieldType =
  | "integer"
  | "double"
  | "string"
  | "char"
  | "date"
  | "datetime"
  | "user"
  | "crm_status"
  | "crm_currency"
  | "crm_category"
  | "crm_company"
  | "crm_contact"
  | "crm_lead"
  | "crm_quote"
  | "crm_multifield"
  | "location"
  | "file";

/** One system field: name, type, title and flags as `crm.*.fields` reports them. */
export interface CrmFieldDef {
  name: string;
  type: CrmFieldType;
  title: string;
  readOnly?: boolean;
  immutable?: boolean;
  multiple?: boolean;
  required?: boolean;
  statusType?: string;
  /** Not in legacy get/list answers (e.g. deal CONTACT_IDS); crm.item shows it. */
  itemOnly?: boolean;
}

type Spec = [name: string, type: CrmFieldType, title: string, flags?: string, statusType?: string];

/** Flags: r = read-only, i = immutable, m = multiple, q = required, o = crm.item only. */
function defs(specs: readonly Spec[]): CrmFieldDef[] {
  return specs.map(([name, type, title, flags = "", statusType]) => {
    const def: CrmFieldDef = { name, type, title };
    if (flags.includes("r")) def.readOnly = true;
    if (flags.includes("i")) def.immutable = true;
    if (flags.includes("m")) def.multiple = true;
    if (flags.includes("q")) def.required = true;
    if (flags.includes("o")) def.itemOnly = true;
    if (statusType !== undefined) def.statusType = statusType;
    return def;
  });
}

const ADDRESS: Spec[] = [
  ["ADDRESS", "string", "Street address"],
  ["ADDRESS_2", "string", "Address (line 2)"],
  ["ADDRESS_CITY", "string", "City"],
  ["ADDRESS_POSTAL_CODE", "string", "Zip"],
  ["ADDRESS_REGION", "string", "Region"],
  ["ADDRESS_PROVINCE", "string", "State / Province"],
  ["ADDRESS_COUNTRY", "string", "Country"],
];

const AUDIT: Spec[] = [
  ["ASSIGNED_BY_ID", "user", "Responsible person"],
  ["CREATED_BY_ID", "user", "Created by", "r"],
  ["MODIFY_BY_ID", "user", "Modified by", "r"],
  ["DATE_CREATE", "datetime", "Created", "r"],
  ["DATE_MODIFY", "datetime", "Modified", "r"],
];

const ORIGIN_UTM: Spec[] = [
  ["ORIGINATOR_ID", "string", "External source"],
  ["ORIGIN_ID", "string", "Item ID in data source"],
  ["UTM_SOURCE", "string", "Ad system"],
  ["UTM_MEDIUM", "string", "Medium"],
  ["UTM_CAMPAIGN", "string", "Ad campaign UTM"],
  ["UTM_CONTENT", "string", "Campaign contents"],
  ["UTM_TERM", "string", "Campaign search term"],
  ["LAST_ACTIVITY_TIME", "datetime", "Last activity", "r"],
  ["LAST_ACTIVITY_BY", "user", "Last activity by", "r"],
];

const COMMS: Spec[] = [
  ["HAS_PHONE", "char", "Has phone", "r"],
  ["HAS_EMAIL", "char", "Has email", "r"],
  ["HAS_IMOL", "char", "Has Open Channel", "r"],
];

const MULTI: Spec[] = [
  ["PHONE", "crm_multifield", "Phone", "m"],
  ["EMAIL", "crm_multifield", "E-mail", "m"],
  ["WEB", "crm_multifield", "Website", "m"],
  ["IM", "crm_multifield", "Messenger", "m"],
  ["LINK", "crm_multifield", "Link", "m"],
];

const LEAD: Spec[] = [
  ["ID", "integer", "ID", "r"],
  ["TITLE", "string", "Lead Name"],
  ["HONORIFIC", "crm_status", "Salutation", "", "HONORIFIC"],
  ["NAME", "string", "First name"],
  ["SECOND_NAME", "string", "Second name"],
  ["LAST_NAME", "string", "Last name"],
  ["BIRTHDATE", "date", "Date of birth"],
  ["COMPANY_TITLE", "string", "Company name"],
  ["SOURCE_ID", "crm_status", "Source", "", "SOURCE"],
  ["SOURCE_DESCRIPTION", "string", "Source information"],
  ["STATUS_ID", "crm_status", "Status", "", "STATUS"],
  ["STATUS_DESCRIPTION", "string", "Status information"],
  ["STATUS_SEMANTIC_ID", "string", "Status details", "r"],
  ["POST", "string", "Position"],
  ...ADDRESS,
  ["CURRENCY_ID", "crm_currency", "Currency"],
  ["OPPORTUNITY", "double", "Total"],
  ["IS_MANUAL_OPPORTUNITY", "char", "IS_MANUAL_OPPORTUNITY"],
  ["OPENED", "char", "Available to everyone"],
  ["COMMENTS", "string", "Comment"],
  ...COMMS,
  ...AUDIT,
  ["MOVED_BY_ID", "user", "MOVED_BY_ID", "r"],
  ["MOVED_TIME", "datetime", "MOVED_TIME", "r"],
  ["COMPANY_ID", "crm_company", "Company"],
  ["CONTACT_ID", "crm_contact", "Contact"],
  ["CONTACT_IDS", "crm_contact", "Contacts", "mo"],
  ["IS_RETURN_CUSTOMER", "char", "Repeat lead", "r"],
  ["DATE_CLOSED", "datetime", "Closed", "r"],
  ...ORIGIN_UTM,
  ...MULTI,
];

const CONTACT: Spec[] = [
  ["ID", "integer", "ID", "r"],
  ["HONORIFIC", "crm_status", "Salutation", "", "HONORIFIC"],
  ["NAME", "string", "First name"],
  ["SECOND_NAME", "string", "Second name"],
  ["LAST_NAME", "string", "Last name"],
  ["PHOTO", "file", "Photo"],
  ["BIRTHDATE", "date", "Date of birth"],
  ["TYPE_ID", "crm_status", "Contact type", "", "CONTACT_TYPE"],
  ["SOURCE_ID", "crm_status", "Source", "", "SOURCE"],
  ["SOURCE_DESCRIPTION", "string", "Source information"],
  ["POST", "string", "Position"],
  ...ADDRESS,
  ["COMMENTS", "string", "Comment"],
  ["OPENED", "char", "Available to everyone"],
  ["EXPORT", "char", "Included in export"],
  ...COMMS,
  ...AUDIT,
  ["COMPANY_ID", "crm_company", "Company"],
  ["COMPANY_IDS", "crm_company", "Companies", "mo"],
  ["LEAD_ID", "crm_lead", "Lead", "r"],
  ...ORIGIN_UTM,
  ...MULTI,
];

const COMPANY: Spec[] = [
  ["ID", "integer", "ID", "r"],
  ["TITLE", "string", "Company Name", "q"],
  ["COMPANY_TYPE", "crm_status", "Company type", "", "COMPANY_TYPE"],
  ["LOGO", "file", "Logo"],
  ...ADDRESS,
  ["ADDRESS_LEGAL", "string", "Legal address"],
  ["BANKING_DETAILS", "string", "Payment details"],
  ["INDUSTRY", "crm_status", "Industry", "", "INDUSTRY"],
  ["EMPLOYEES", "crm_status", "Employees", "", "EMPLOYEES"],
  ["CURRENCY_ID", "crm_currency", "Currency"],
  ["REVENUE", "double", "Annual revenue"],
  ["OPENED", "char", "Available to everyone"],
  ["COMMENTS", "string", "Comment"],
  ...COMMS,
  ["IS_MY_COMPANY", "char", "My Company"],
  ...AUDIT,
  ["CONTACT_ID", "crm_contact", "Contact", "mo"],
  ["LEAD_ID", "crm_lead", "Lead", "r"],
  ...ORIGIN_UTM,
  ...MULTI,
];

const DEAL: Spec[] = [
  ["ID", "integer", "ID", "r"],
  ["TITLE", "string", "Name"],
  ["TYPE_ID", "crm_status", "Type", "", "DEAL_TYPE"],
  ["CATEGORY_ID", "crm_category", "Pipeline", "i"],
  ["STAGE_ID", "crm_status", "Deal stage", "", "DEAL_STAGE"],
  ["STAGE_SEMANTIC_ID", "string", "Stage group", "r"],
  ["IS_NEW", "char", "New deal", "r"],
  ["IS_RECURRING", "char", "Recurring deal"],
  ["IS_RETURN_CUSTOMER", "char", "Repeat deal"],
  ["IS_REPEATED_APPROACH", "char", "Repeat inquiry"],
  ["PROBABILITY", "integer", "Probability"],
  ["CURRENCY_ID", "crm_currency", "Currency"],
  ["OPPORTUNITY", "double", "Amount"],
  ["IS_MANUAL_OPPORTUNITY", "char", "IS_MANUAL_OPPORTUNITY"],
  ["TAX_VALUE", "double", "Tax rate"],
  ["COMPANY_ID", "crm_company", "Company"],
  ["CONTACT_ID", "crm_contact", "Contact"],
  ["CONTACT_IDS", "crm_contact", "Contacts", "mo"],
  ["QUOTE_ID", "crm_quote", "Quote", "r"],
  ["BEGINDATE", "date", "Start date"],
  ["CLOSEDATE", "date", "Estimated close date"],
  ["OPENED", "char", "Available to everyone"],
  ["CLOSED", "char", "Closed"],
  ["COMMENTS", "string", "Comment"],
  ...AUDIT,
  ["MOVED_BY_ID", "user", "MOVED_BY_ID", "r"],
  ["MOVED_TIME", "datetime", "MOVED_TIME", "r"],
  ["SOURCE_ID", "crm_status", "Source", "", "SOURCE"],
  ["SOURCE_DESCRIPTION", "string", "Source information"],
  ["LEAD_ID", "crm_lead", "Lead", "r"],
  ["ADDITIONAL_INFO", "string", "Additional information"],
  ["LOCATION_ID", "location", "Location"],
  ...ORIGIN_UTM,
];

/** System fields per kind, in the order `crm.*.fields` lists them. */
export const CRM_FIELDS: Readonly<Record<CrmKind, readonly CrmFieldDef[]>> = {
  lead: defs(LEAD),
  contact: defs(CONTACT),
  company: defs(COMPANY),
  deal: defs(DEAL),
};

const BY_NAME: Readonly<Record<CrmKind, ReadonlyMap<string, CrmFieldDef>>> = {
  lead: new Map(CRM_FIELDS.lead.map((d) => [d.name, d])),
  contact: new Map(CRM_FIELDS.contact.map((d) => [d.name, d])),
  company: new Map(CRM_FIELDS.company.map((d) => [d.name, d])),
  deal: new Map(CRM_FIELDS.deal.map((d) => [d.name, d])),
};

/** The system field `name` of `kind`, if it exists. */
export function crmField(kind: CrmKind, name: string): CrmFieldDef | undefined {
  return BY_NAME[kind].get(name);
}

/** How a system field type is compared in filters and sorting. */
export function kindOfType(type: string): ValueKind {
  switch (type) {
    case "double":
      return "float";
    case "integer":
    case "user":
    case "employee":
    case "crm_category":
    case "crm_company":
    case "crm_contact":
    case "crm_lead":
    case "crm_quote":
    case "location":
    case "file":
    case "enumeration":
    case "boolean":
      return "int";
    case "date":
      return "date";
    case "datetime":
      return "datetime";
    default:
      return "string";
  }
}
