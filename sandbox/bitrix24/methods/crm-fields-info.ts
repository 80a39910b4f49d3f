/**
 * Field descriptions for `crm.*.fields` (UPPER_CASE keys) and
 * `crm.item.fields` (camelCase keys with `upperName`), user fields included
 * with `isDynamic: true` and enumeration `items: [{ID, VALUE}]`
 * (docs: crm/deals/crm-deal-fields.md, crm/universal/crm-item-fields.md).
 */
import { toCamel } from "../data/camel-names.js";
import { CRM_FIELDS, type CrmFieldDef } from "../data/crm-fields.js";
import type { PortalData } from "../data/portal-data.js";
import type { CrmKind, UserFieldDef } from "../data/types.js";

const PARENT: Readonly<Record<string, number>> = { crm_lead: 1, crm_company: 4, crm_quote: 7 };

function systemInfo(def: CrmFieldDef, kind: CrmKind): Record<string, unknown> {
  const info: Record<string, unknown> = {
    type: def.type,
    isRequired: def.required === true,
    isReadOnly: def.readOnly === true,
    isImmutable: def.immutable === true,
    isMultiple: def.multiple === true,
    isDynamic: false,
  };
  if (def.statusType !== undefined) {
    info.statusType = def.name === "STAGE_ID" && kind === "deal" ? "DEAL_STAGE" : def.statusType;
  }
  if (kind === "deal" && def.name === "CONTACT_ID") info.isDeprecated = true;
  info.title = def.title;
  const parent = PARENT[def.type];
  if (parent !== undefined && !def.multiple) info.settings = { parentEntityTypeId: parent };
  return info;
}

/** Description of a user field as `*.fields` shows it. */
export function userFieldInfo(uf: UserFieldDef): Record<string, unknown> {
  const info: Record<string, unknown> = {
    type: uf.userTypeId,
    isRequired: uf.mandatory,
    isReadOnly: false,
    isImmutable: false,
    isMultiple: uf.multiple,
    isDynamic: true,
  };
  if (uf.list) info.items = uf.list.map((i) => ({ ID: String(i.id), VALUE: i.value }));
  Object.assign(info, {
    title: uf.label,
    listLabel: uf.label,
    formLabel: uf.label,
    filterLabel: uf.label,
    settings: uf.settings,
  });
  return info;
}

/** `crm.{lead,contact,company,deal}.fields` result. */
export function legacyFieldsInfo(data: PortalData, kind: CrmKind): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  // Multiple link fields (CONTACT_IDS…) are described although get/list omit them.
  for (const def of CRM_FIELDS[kind]) out[def.name] = systemInfo(def, kind);
  for (const uf of data.userFieldsOf(kind)) out[uf.fieldName] = userFieldInfo(uf);
  return out;
}

/** `UPPER_NAME` of a camelCase name, the way crm.item.fields reports `upperName`. */
function upperOf(camel: string): string {
  return camel.replace(/([a-z0-9])([A-Z])/g, "$1_$2").toUpperCase();
}

/** `crm.item.fields` result: `{fields: {camelName: {…, upperName}}}`. */
export function itemFieldsInfo(
  data: PortalData,
  kind: CrmKind,
  originalUfNames: boolean,
): Record<string, unknown> {
  const fields: Record<string, unknown> = {};
  for (const def of CRM_FIELDS[kind]) {
    if (def.type === "crm_multifield") continue;
    const camel = toCamel(kind, def.name);
    fields[camel] = { ...systemInfo(def, kind), upperName: upperOf(camel) };
  }
  for (const uf of data.userFieldsOf(kind)) {
    fields[originalUfNames ? uf.fieldName : toCamel(kind, uf.fieldName)] = {
      ...userFieldInfo(uf),
      upperName: uf.fieldName,
    };
  }
  fields.observers = {
    type: "user",
    isRequired: false,
    isReadOnly: false,
    isImmutable: false,
    isMultiple: true,
    isDynamic: false,
    title: "Observers",
    upperName: "OBSERVERS",
  };
  return { fields };
}
