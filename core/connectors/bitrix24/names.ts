/**
 * Names of the four CRM entities in Bitrix24's API: `crm.<name>.*` methods, the
 * `entityTypeId` of universal methods and the record page path.
 * https://apidocs.bitrix24.com/api-reference/crm/data-types.html#object_type
 */
import { invalidInput } from "../../errors.js";
import { CRM_ENTITIES, type EntityKind } from "../../model/canonical.js";

export type CrmEntity = (typeof CRM_ENTITIES)[number];
export type CrmName = "company" | "contact" | "lead" | "deal";

const NAMES: Readonly<Record<CrmEntity, CrmName>> = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
};

export const ENTITY_TYPE_IDS: Readonly<Record<CrmEntity, number>> = {
  leads: 1,
  deals: 2,
  contacts: 3,
  companies: 4,
};

export const DEAL_ENTITY_TYPE_ID = ENTITY_TYPE_IDS.deals;

export function isCrmEntity(entity: EntityKind): entity is CrmEntity {
  return (CRM_ENTITIES as readonly EntityKind[]).includes(entity);
}

/** `entity` if this connector moves it, else `invalid_input`. */
export function crmEntity(entity: EntityKind): CrmEntity {
  if (!isCrmEntity(entity)) {
    throw invalidInput(`The Bitrix24 connector does not move ${entity} yet`, {
      code: "unsupported_entity",
      details: { entity },
    });
  }
  return entity;
}

/** `deals` → `deal`; an entity this connector does not move → `invalid_input`. */
export function crmName(entity: EntityKind): CrmName {
  return NAMES[crmEntity(entity)];
}
