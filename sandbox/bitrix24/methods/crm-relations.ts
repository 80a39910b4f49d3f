/**
 * Deal↔contact and contact↔company links: `crm.deal.contact.items.{get,set}`,
 * `crm.contact.company.items.{get,set}` (docs: crm/deals/contacts/*.md,
 * crm/contacts/company/*.md). `set` replaces the whole set; the first item
 * flagged IS_PRIMARY (else the first item) becomes primary.
 */
import { textOf, type Binding, type CrmRecord } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { flagOf, intOf, isDict, param, positiveIntOf } from "./params.js";

interface LinkSpec {
  owner: "deal" | "contact";
  target: "contact" | "company";
  key: "CONTACT_ID" | "COMPANY_ID";
}

const DEAL_CONTACTS: LinkSpec = { owner: "deal", target: "contact", key: "CONTACT_ID" };
const CONTACT_COMPANIES: LinkSpec = { owner: "contact", target: "company", key: "COMPANY_ID" };

function ownerOf(call: MethodCall, spec: LinkSpec): CrmRecord {
  const id = positiveIntOf(param(call.params, "id"));
  if (id === undefined)
    throw new RestError("", "The parameter ownerEntityID is invalid or not defined.");
  const record = call.portal.data.crm[spec.owner].get(id);
  if (!record) throw new RestError("", "Not found.");
  return record;
}

function get(call: MethodCall, spec: LinkSpec): MethodResult {
  const record = ownerOf(call, spec);
  const primary = call.portal.data.primaryLink(record);
  return {
    result: (record.links ?? []).map((l) => ({
      [spec.key]: l.id,
      SORT: l.sort,
      ROLE_ID: 0,
      IS_PRIMARY: l.id === primary ? "Y" : "N",
    })),
  };
}

function set(call: MethodCall, spec: LinkSpec): MethodResult {
  const record = ownerOf(call, spec);
  const { data } = call.portal;
  const raw = param(call.params, "items");
  const items: unknown[] | undefined = Array.isArray(raw)
    ? raw
    : isDict(raw)
      ? Object.values(raw)
      : undefined;
  if (items === undefined) throw new RestError("", "The parameter items must be array.");
  const links: Binding[] = [];
  items.forEach((item, i) => {
    const fields = isDict(item) ? item : {};
    const id = positiveIntOf(fields[spec.key]);
    if (id === undefined || !data.crm[spec.target].get(id)) {
      throw new RestError(
        "ERROR_CORE",
        `The entity with ID '${textOf(fields[spec.key])}' is not found.`,
      );
    }
    if (links.some((l) => l.id === id)) return;
    links.push({
      id,
      sort: intOf(fields.SORT) ?? (i + 1) * 10,
      primary: flagOf(fields.IS_PRIMARY),
    });
  });
  const primary = links.find((l) => l.primary) ?? links[0];
  for (const link of links) link.primary = link === primary;
  data.setLinks(spec.owner, record, links);
  record.f.DATE_MODIFY = Math.max(data.now(), Number(record.f.DATE_MODIFY ?? 0) + 1);
  record.f.MODIFY_BY_ID = call.caller.userId;
  return { result: true };
}

/** The four link methods. */
export const crmRelationMethods: MethodDefinition[] = [
  {
    name: "crm.deal.contact.items.get",
    scope: "crm",
    cost: COST.get,
    handler: (c) => get(c, DEAL_CONTACTS),
  },
  {
    name: "crm.deal.contact.items.set",
    scope: "crm",
    cost: COST.update,
    handler: (c) => set(c, DEAL_CONTACTS),
  },
  {
    name: "crm.contact.company.items.get",
    scope: "crm",
    cost: COST.get,
    handler: (c) => get(c, CONTACT_COMPANIES),
  },
  {
    name: "crm.contact.company.items.set",
    scope: "crm",
    cost: COST.update,
    handler: (c) => set(c, CONTACT_COMPANIES),
  },
];
