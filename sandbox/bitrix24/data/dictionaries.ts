/**
 * CRM dictionaries as a fresh portal has them (stages, statuses, sources,
 * types, pipelines) and the helpers that add to them (docs:
 * crm/status/crm-status-list.md, crm/status/crm-status-add.md — stages of a
 * non-default pipeline get the `C<id>:` prefix; crm/leads/crm-lead-add.md
 * default lead stages; crm/main-entities-fields.md default deal stages).
 */
import type { PortalData } from "./portal-data.js";
import type { Row } from "./types.js";

type StatusSpec = [statusId: string, name: string, semantics?: "S" | "F"];

const COLORS = [
  "#39A8EF",
  "#2FC6F6",
  "#55D0E0",
  "#47E4C2",
  "#FFA900",
  "#7BD500",
  "#FF5752",
  "#FF5752",
];

const DEAL_STAGES: StatusSpec[] = [
  ["NEW", "New"],
  ["PREPARATION", "Document preparation"],
  ["PREPAYMENT_INVOICE", "Prepayment invoice"],
  ["EXECUTING", "In progress"],
  ["FINAL_INVOICE", "Final invoice"],
  ["WON", "Deal successful", "S"],
  ["LOSE", "Deal failed", "F"],
  ["APOLOGY", "Analyze failure", "F"],
];

/** Dictionaries of a new portal, by ENTITY_ID (docs: crm-status-entity-types.md). */
export const DEFAULT_DICTIONARIES: Readonly<Record<string, readonly StatusSpec[]>> = {
  STATUS: [
    ["NEW", "Unprocessed"],
    ["IN_PROCESS", "In process"],
    ["PROCESSED", "Processed"],
    ["CONVERTED", "High-quality lead", "S"],
    ["JUNK", "Low-quality lead", "F"],
  ],
  SOURCE: [
    ["CALL", "Call"],
    ["EMAIL", "E-Mail"],
    ["WEB", "Website"],
    ["ADVERTISING", "Advertising"],
    ["PARTNER", "Existing client"],
    ["RECOMMENDATION", "By recommendation"],
    ["TRADE_SHOW", "Show/Exhibition"],
    ["WEBFORM", "CRM form"],
    ["CALLBACK", "Callback"],
    ["RC_GENERATOR", "Sales boost"],
    ["STORE", "Online store"],
    ["OTHER", "Other"],
  ],
  CONTACT_TYPE: [
    ["CLIENT", "Clients"],
    ["SUPPLIER", "Suppliers"],
    ["PARTNER", "Partners"],
    ["OTHER", "Other"],
  ],
  COMPANY_TYPE: [
    ["CUSTOMER", "Client"],
    ["SUPPLIER", "Supplier"],
    ["COMPETITOR", "Competitor"],
    ["PARTNER", "Partner"],
    ["OTHER", "Other"],
  ],
  EMPLOYEES: [
    ["EMPLOYEES_1", "less than 50"],
    ["EMPLOYEES_2", "50-250"],
    ["EMPLOYEES_3", "250-500"],
    ["EMPLOYEES_4", "over 500"],
  ],
  INDUSTRY: [
    ["IT", "Information Technology"],
    ["TELECOM", "Telecommunication"],
    ["MANUFACTURING", "Manufacturing"],
    ["BANKING", "Banking Services"],
    ["CONSULTING", "Consulting"],
    ["FINANCE", "Finance"],
    ["GOVERNMENT", "Government"],
    ["DELIVERY", "Delivery"],
    ["ENTERTAINMENT", "Entertainment"],
    ["NOTPROFIT", "Non-profit"],
    ["OTHER", "Other"],
  ],
  DEAL_TYPE: [
    ["SALE", "Sales"],
    ["COMPLEX", "Complex sale"],
    ["GOODS", "Sale of goods"],
    ["SERVICES", "Sale of services"],
    ["SERVICE", "After-sales service"],
  ],
  DEAL_STAGE: DEAL_STAGES,
  HONORIFIC: [
    ["HNR_EN_1", "Mr."],
    ["HNR_EN_2", "Mrs."],
    ["HNR_EN_3", "Ms."],
    ["HNR_EN_4", "Dr."],
  ],
};

/** Display names of the dictionaries for `crm.status.entity.types`. */
export const DICTIONARY_NAMES: Readonly<Record<string, string>> = {
  STATUS: "Lead stages",
  SOURCE: "Sources",
  CONTACT_TYPE: "Contact type",
  COMPANY_TYPE: "Company type",
  EMPLOYEES: "Number of employees",
  INDUSTRY: "Industry",
  DEAL_TYPE: "Deal type",
  DEAL_STAGE: "General deal stages",
  HONORIFIC: "Salutations",
};

/** A dictionary item to insert (`crm.status.add` fields). */
export interface NewStatus {
  entityId: string;
  statusId: string;
  name: string;
  sort: number;
  system?: boolean;
  categoryId?: number | null;
  color?: string | null;
  semantics?: "S" | "F" | null;
}

/** Inserts one dictionary item. */
export function addStatus(data: PortalData, s: NewStatus): Row {
  return data.statuses.insert({
    id: data.statuses.nextId(),
    f: {
      ENTITY_ID: s.entityId,
      STATUS_ID: s.statusId,
      NAME: s.name,
      NAME_INIT: s.system ? s.name : "",
      SORT: s.sort,
      SYSTEM: s.system ? "Y" : "N",
      CATEGORY_ID: s.categoryId ?? null,
      COLOR: s.color ?? null,
      SEMANTICS: s.semantics ?? null,
    },
  });
}

function addDictionary(
  data: PortalData,
  entityId: string,
  specs: readonly StatusSpec[],
  prefix = "",
  categoryId: number | null = null,
): void {
  specs.forEach(([statusId, name, semantics], i) => {
    const staged = entityId.startsWith("DEAL_STAGE") || entityId === "STATUS";
    addStatus(data, {
      entityId,
      statusId: `${prefix}${statusId}`,
      name,
      sort: (i + 1) * 10,
      system: staged && (i === 0 || semantics !== undefined),
      categoryId,
      color: staged ? (COLORS[i] ?? null) : null,
      semantics: semantics ?? null,
    });
  });
}

/** Adds every default dictionary and the default pipeline (id 0). */
export function addDefaultDictionaries(data: PortalData): void {
  for (const [entityId, specs] of Object.entries(DEFAULT_DICTIONARIES))
    addDictionary(data, entityId, specs);
  data.categories.insert({
    id: 0,
    f: {
      NAME: "General",
      SORT: 500,
      IS_DEFAULT: "Y",
      IS_LOCKED: "N",
      CREATED_DATE: data.now(),
      ORIGIN_ID: "",
      ORIGINATOR_ID: "",
    },
  });
}

/** A deal pipeline to insert. */
export interface NewCategory {
  name: string;
  sort?: number;
  originId?: string;
  originatorId?: string;
  /** Stage names to create instead of the default set. */
  stages?: readonly StatusSpec[];
}

/** Adds a deal pipeline with its stages (`C<id>:NEW`…). */
export function addDealCategory(data: PortalData, c: NewCategory): Row {
  const id = Math.max(1, data.categories.nextId());
  const row = data.categories.insert({
    id,
    f: {
      NAME: c.name,
      SORT: c.sort ?? 500,
      IS_DEFAULT: "N",
      IS_LOCKED: "N",
      CREATED_DATE: data.now(),
      ORIGIN_ID: c.originId ?? "",
      ORIGINATOR_ID: c.originatorId ?? "",
    },
  });
  addDictionary(data, `DEAL_STAGE_${id}`, c.stages ?? DEAL_STAGES, `C${id}:`, id);
  return row;
}
