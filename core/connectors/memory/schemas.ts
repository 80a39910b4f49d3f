/**
 * The default field schemas of the in-memory CRM: the four Bitrix24 CRM
 * entities with the codes and field types the real portal has (TITLE,
 * COMPANY_ID, CONTACT_IDS, CATEGORY_ID/STAGE_ID, PHONE/EMAIL...), so tests and
 * the demo exercise the same mapping decisions a real migration needs.
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-fields.html
 */
import type { EntityKind, FieldType } from "../../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema } from "../../model/schema.js";
import type { UserSummary } from "../../model/schema.js";

type Extra = Partial<Pick<FieldSchema, "required" | "readOnly" | "custom" | "items" | "refEntity">>;

/** A field with the usual defaults: optional, writable, system, single. */
export function field(
  code: string,
  label: string,
  type: FieldType,
  multiple = false,
  extra: Extra = {},
): FieldSchema {
  return { code, label, type, multiple, required: false, readOnly: false, custom: false, ...extra };
}

const items = (pairs: ReadonlyArray<readonly [string, string]>): EnumItem[] =>
  pairs.map(([id, label]) => ({ id, label }));

const stage = (
  id: string,
  label: string,
  group: string,
  semantics: EnumItem["semantics"],
): EnumItem => ({
  id,
  label,
  group,
  ...(semantics ? { semantics } : {}),
});

const id = field("ID", "ID", "string", false, { readOnly: true });
const assigned = field("ASSIGNED_BY_ID", "Responsible", "user_ref");
const phone = field("PHONE", "Phone", "phones", true);
const email = field("EMAIL", "E-mail", "emails", true);
const comments = field("COMMENTS", "Comment", "text");

const companies: EntitySchema = {
  entity: "companies",
  fields: [
    id,
    field("TITLE", "Company name", "string", false, { required: true }),
    field("COMPANY_TYPE", "Company type", "enum", false, {
      items: items([
        ["CUSTOMER", "Client"],
        ["PARTNER", "Partner"],
        ["SUPPLIER", "Supplier"],
      ]),
    }),
    field("INDUSTRY", "Industry", "enum", false, {
      items: items([
        ["IT", "Information technology"],
        ["MANUFACTURING", "Manufacturing"],
      ]),
    }),
    phone,
    email,
    assigned,
    comments,
  ],
};

const contacts: EntitySchema = {
  entity: "contacts",
  fields: [
    id,
    field("NAME", "First name", "string", false, { required: true }),
    field("LAST_NAME", "Last name", "string"),
    field("BIRTHDATE", "Date of birth", "date"),
    field("COMPANY_ID", "Company", "entity_ref", false, { refEntity: "companies" }),
    phone,
    email,
    assigned,
    comments,
  ],
};

const leads: EntitySchema = {
  entity: "leads",
  fields: [
    id,
    field("TITLE", "Lead name", "string", false, { required: true }),
    field("NAME", "First name", "string"),
    field("STATUS_ID", "Status", "stage", false, {
      items: [
        { id: "NEW", label: "Unprocessed", semantics: "process" },
        { id: "IN_PROCESS", label: "In progress", semantics: "process" },
        { id: "CONVERTED", label: "Good lead", semantics: "success" },
        { id: "JUNK", label: "Junk lead", semantics: "failure" },
      ],
    }),
    field("OPPORTUNITY", "Amount", "money"),
    field("COMPANY_ID", "Company", "entity_ref", false, { refEntity: "companies" }),
    field("CONTACT_ID", "Contact", "entity_ref", false, { refEntity: "contacts" }),
    phone,
    email,
    assigned,
  ],
};

const deals: EntitySchema = {
  entity: "deals",
  fields: [
    id,
    field("TITLE", "Deal name", "string", false, { required: true }),
    field("CATEGORY_ID", "Pipeline", "pipeline", false, { items: items([["0", "General"]]) }),
    field("STAGE_ID", "Stage", "stage", false, {
      items: [
        stage("NEW", "New", "0", "process"),
        stage("PREPARATION", "Preparing documents", "0", "process"),
        stage("WON", "Deal won", "0", "success"),
        stage("LOSE", "Deal lost", "0", "failure"),
      ],
    }),
    field("OPPORTUNITY", "Amount", "money"),
    field("BEGINDATE", "Start date", "date"),
    field("COMPANY_ID", "Company", "entity_ref", false, { refEntity: "companies" }),
    field("CONTACT_IDS", "Contacts", "entity_ref", true, { refEntity: "contacts" }),
    field("LEAD_ID", "Lead", "entity_ref", false, { refEntity: "leads" }),
    assigned,
    comments,
  ],
};

/** Fresh copies of the default schemas, keyed by entity. */
export function defaultSchemas(): Partial<Record<EntityKind, EntitySchema>> {
  return structuredClone({ companies, contacts, leads, deals });
}

/** The users of a fresh in-memory portal; the first is the admin the connection acts as. */
export function defaultUsers(): UserSummary[] {
  return [
    { id: "1", email: "admin@memory.test", name: "Admin", active: true },
    { id: "2", email: "anna@memory.test", name: "Anna Sales", active: true },
    { id: "3", email: "boris@memory.test", name: "Boris Former", active: false },
  ];
}
