/**
 * `crm.{lead,contact,company,deal}.userfield.{get,update}` (docs:
 * crm/deals/user-defined-fields/crm-deal-userfield-{get,update}.md). A
 * migration adds list items to a target's enumeration field with update:
 * LIST entries without ID are added, `{ID, VALUE}` renames, `{ID, DEL: "Y"}`
 * removes, items not mentioned stay.
 */
import { UF_ENTITY } from "../data/portal-data.js";
import type { CrmKind, UserFieldDef } from "../data/types.js";
import { updateUserField, UserFieldError, type UserFieldPatch } from "../data/user-fields.js";
import { RestError, type MethodCall, type MethodDefinition } from "../method-types.js";
import { COST } from "./costs.js";
import { labelOf, renderUserField } from "./crm-userfield.js";
import {
  dictParam,
  flagOf,
  intOf,
  isDict,
  legacyId,
  listOf,
  positiveIntOf,
  stringOf,
} from "./params.js";

function findField(call: MethodCall, kind: CrmKind): UserFieldDef {
  const id = legacyId(call.params);
  const uf = call.portal.data.userFields.get(id);
  if (!uf || uf.entityId !== UF_ENTITY[kind]) {
    throw new RestError("ERROR_NOT_FOUND", `The entity with ID '${id}' is not found`);
  }
  return uf;
}

function patchOf(f: Record<string, unknown>): UserFieldPatch {
  const patch: UserFieldPatch = {};
  const label = labelOf(f.EDIT_FORM_LABEL) ?? labelOf(f.LIST_COLUMN_LABEL) ?? labelOf(f.LABEL);
  if (label !== undefined) patch.label = label;
  if (f.MANDATORY !== undefined) patch.mandatory = flagOf(f.MANDATORY);
  if (f.SHOW_FILTER !== undefined) patch.showFilter = flagOf(f.SHOW_FILTER);
  if (intOf(f.SORT) !== undefined) patch.sort = intOf(f.SORT);
  if (f.XML_ID !== undefined) patch.xmlId = stringOf(f.XML_ID) ?? null;
  if (isDict(f.SETTINGS)) patch.settings = f.SETTINGS;
  if (f.LIST !== undefined) {
    patch.list = listOf(f.LIST)
      .filter(isDict)
      .map((item) => ({
        id: positiveIntOf(item.ID),
        value: stringOf(item.VALUE),
        sort: intOf(item.SORT),
        def: item.DEF === undefined ? undefined : flagOf(item.DEF),
        xmlId: stringOf(item.XML_ID),
        del: flagOf(item.DEL),
      }));
  }
  return patch;
}

/** userfield.get/update of one CRM entity. */
export function userFieldUpdateMethods(kind: CrmKind): MethodDefinition[] {
  return [
    {
      name: `crm.${kind}.userfield.get`,
      scope: "crm",
      cost: COST.get,
      handler: (call) => ({ result: renderUserField(findField(call, kind)) }),
    },
    {
      name: `crm.${kind}.userfield.update`,
      scope: "crm",
      cost: COST.update,
      handler: (call) => {
        if (!call.portal.data.isAdmin(call.caller.userId))
          throw new RestError("", "Access denied.");
        const uf = findField(call, kind);
        const fields = dictParam(call.params, "fields", true);
        try {
          updateUserField(call.portal.data, uf, patchOf(fields));
        } catch (error) {
          if (error instanceof UserFieldError) throw new RestError(error.code, error.message);
          throw error;
        }
        return { result: true };
      },
    },
  ];
}
