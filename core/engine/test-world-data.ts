/**
 * The data of the engine's test world: the source's users and schemas (an
 * extra industry, a custom "Tier" list, a free-text "Segment", a second deal
 * pipeline), the target's (other item ids, a "Segment" list) and the linked
 * records seeded into the source. Kept apart from `test-kit.ts` so each reads
 * on its own.
 */
import { defaultSchemas, field, type MemoryConnector } from "../connectors/memory/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { EntitySchema, UserSummary } from "../model/schema.js";

/** Source ids by entity, in creation order. */
export type WorldIds = Record<"companies" | "contacts" | "leads" | "deals", string[]>;

export const sourceUsers: UserSummary[] = [
  { id: "10", email: "admin@memory.test", name: "Admin", active: true },
  { id: "11", email: "Anna@Memory.test", name: "Anna", active: true },
  { id: "12", email: "olga@elsewhere.test", name: "Olga", active: true },
];

export function sourceSchemas(): Partial<Record<EntityKind, EntitySchema>> {
  const schemas = defaultSchemas();
  const companies = schemas.companies?.fields ?? [];
  const industry = companies.find((f) => f.code === "INDUSTRY");
  industry?.items?.push({ id: "RETAIL", label: "Retail" });
  companies.push(
    field("UF_CRM_TIER", "Tier", "enum", false, {
      custom: true,
      items: [
        { id: "31", label: "Gold" },
        { id: "32", label: "Platinum" },
      ],
    }),
    field("UF_CRM_SEGMENT", "Segment", "string", false, { custom: true }),
  );
  const deals = schemas.deals?.fields ?? [];
  deals.find((f) => f.code === "CATEGORY_ID")?.items?.push({ id: "7", label: "Wholesale" });
  deals
    .find((f) => f.code === "STAGE_ID")
    ?.items?.push(
      { id: "C7:NEW", label: "Talks", group: "7", semantics: "process" },
      { id: "C7:WON", label: "Shipped", group: "7", semantics: "success" },
    );
  return schemas;
}

export function targetSchemas(): Partial<Record<EntityKind, EntitySchema>> {
  const schemas = defaultSchemas();
  const companies = schemas.companies?.fields ?? [];
  const industry = companies.find((f) => f.code === "INDUSTRY");
  if (industry)
    industry.items = [
      { id: "IND_IT", label: "Information technology" },
      { id: "IND_MAN", label: "Manufacturing" },
    ];
  companies.push(
    field("UF_CRM_77", "Segment", "enum", false, {
      custom: true,
      items: [{ id: "901", label: "SMB" }],
    }),
  );
  return schemas;
}

export function seedSource(source: MemoryConnector, bad: boolean): WorldIds {
  const crm = source.crm;
  const companies = crm.seed("companies", [
    {
      fields: {
        TITLE: "Alpha LLC",
        INDUSTRY: "IT",
        UF_CRM_TIER: "31",
        UF_CRM_SEGMENT: "SMB",
        ASSIGNED_BY_ID: "10",
        PHONE: [{ value: "+7 495 123-45-67", kind: "WORK" }],
      },
    },
    {
      fields: {
        TITLE: "Beta JSC",
        INDUSTRY: "RETAIL",
        UF_CRM_TIER: "32",
        UF_CRM_SEGMENT: "Enterprise",
        ASSIGNED_BY_ID: "11",
      },
    },
    {
      fields: {
        TITLE: "Gamma",
        INDUSTRY: "MANUFACTURING",
        UF_CRM_SEGMENT: "enterprise ",
        ASSIGNED_BY_ID: "12",
      },
    },
    {
      fields: {
        TITLE: "Delta",
        UF_CRM_SEGMENT: "Public sector",
        EMAIL: [{ value: "info@delta.test", kind: "WORK" }],
      },
    },
    { fields: { TITLE: "Epsilon", INDUSTRY: "RETAIL" } },
  ]);
  const co = (i: number) => companies[i] ?? "";
  const contacts = crm.seed("contacts", [
    { fields: { NAME: "Ivan", LAST_NAME: "Petrov", COMPANY_ID: co(0), ASSIGNED_BY_ID: "11" } },
    {
      fields: {
        NAME: "Maria",
        COMPANY_ID: co(0),
        EMAIL: [{ value: bad ? "not an e-mail" : "maria@alpha.test", kind: "WORK" }],
      },
    },
    { fields: { NAME: "Oleg", COMPANY_ID: co(1) } },
    { fields: { NAME: "Pavel", COMPANY_ID: co(4) } },
    { fields: { NAME: "Rita" } },
    {
      fields: {
        NAME: "Sergey",
        COMPANY_ID: co(3),
        PHONE: [{ value: "8 (912) 000-11-22", kind: "MOBILE" }],
      },
    },
  ]);
  const ct = (i: number) => contacts[i] ?? "";
  const leads = crm.seed("leads", [
    { fields: { TITLE: "Website request", STATUS_ID: "NEW", COMPANY_ID: co(2) } },
    {
      fields: {
        TITLE: "Call back",
        STATUS_ID: "CONVERTED",
        CONTACT_ID: ct(4),
        OPPORTUNITY: { amount: 1500, currency: "RUB" },
      },
    },
    { fields: { TITLE: "Trade show", STATUS_ID: "JUNK" } },
  ]);
  const deals = crm.seed("deals", [
    {
      fields: {
        TITLE: "Licences",
        CATEGORY_ID: "0",
        STAGE_ID: "NEW",
        COMPANY_ID: co(0),
        CONTACT_IDS: [ct(0), ct(1)],
        ASSIGNED_BY_ID: "10",
      },
    },
    {
      fields: {
        TITLE: "Wholesale 1",
        CATEGORY_ID: "7",
        STAGE_ID: "C7:NEW",
        COMPANY_ID: co(4),
        CONTACT_IDS: [ct(3)],
        OPPORTUNITY: { amount: 99000, currency: "RUB" },
      },
    },
    {
      fields: {
        TITLE: "Wholesale 2",
        CATEGORY_ID: "7",
        STAGE_ID: "C7:WON",
        COMPANY_ID: co(1),
        LEAD_ID: leads[1] ?? "",
      },
    },
    { fields: { TITLE: "Support", CATEGORY_ID: "0", STAGE_ID: "WON", CONTACT_IDS: [ct(5)] } },
    {
      fields: {
        TITLE: "Renewal",
        CATEGORY_ID: "0",
        STAGE_ID: "LOSE",
        COMPANY_ID: co(3),
        CONTACT_IDS: [ct(5), ct(2)],
      },
    },
    bad
      ? { fields: { CATEGORY_ID: "0", STAGE_ID: "NEW", COMPANY_ID: co(2) } }
      : { fields: { TITLE: "Pilot project", COMPANY_ID: co(2) } },
  ]);
  return { companies, contacts, leads, deals };
}
