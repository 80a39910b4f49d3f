/**
 * A stand-in for `crm.<entity>.userfield.update` (LIST part only) while the sandbox
 * does not serve it, so tests exercise the connector's documented path end to end.
 * Semantics per https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-update.html:
 * LIST entries without ID are added, `{ID, VALUE}` renames, `{ID, DEL: "Y"}` removes,
 * items not mentioned stay. Used only when the sandbox lacks the method.
 */
import { defaultMethods } from "../../../../sandbox/bitrix24/default-methods.js";
import { UF_ENTITY } from "../../../../sandbox/bitrix24/data/portal-data.js";
import type { CrmKind } from "../../../../sandbox/bitrix24/data/types.js";
import { RestError, type MethodDefinition } from "../../../../sandbox/bitrix24/method-types.js";

const isDict = (v: unknown): v is Record<string, unknown> =>
  typeof v === "object" && v !== null && !Array.isArray(v);
const text = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : "";

function shim(kind: CrmKind): MethodDefinition {
  return {
    name: `crm.${kind}.userfield.update`,
    scope: "crm",
    handler: (call) => {
      const { data } = call.portal;
      if (!data.isAdmin(call.caller.userId)) throw new RestError("", "Access denied.");
      const id = Number(text(call.params["id"] ?? call.params["ID"]));
      const uf = data.userFields.get(id);
      if (uf === undefined || uf.entityId !== UF_ENTITY[kind]) {
        throw new RestError("ERROR_NOT_FOUND", `The entity with ID '${id}' is not found`);
      }
      const fields = call.params["fields"] ?? call.params["FIELDS"];
      const raw = isDict(fields) ? fields["LIST"] : undefined;
      const entries = Array.isArray(raw)
        ? (raw as unknown[])
        : isDict(raw)
          ? Object.values(raw)
          : [];
      const list = uf.list ?? [];
      for (const entry of entries.filter(isDict)) {
        const existing = list.find((item) => String(item.id) === text(entry["ID"]));
        if (existing !== undefined) {
          if (text(entry["DEL"]) === "Y") list.splice(list.indexOf(existing), 1);
          else if (text(entry["VALUE"]) !== "") existing.value = text(entry["VALUE"]);
        } else if (text(entry["VALUE"]) !== "") {
          list.push({
            id: data.nextEnumItemId(),
            value: text(entry["VALUE"]),
            sort: Number(text(entry["SORT"])) || (list.length + 1) * 10,
            def: false,
            xmlId: text(entry["XML_ID"]) || `${uf.id}_${list.length + 1}`,
          });
        }
      }
      uf.list = list;
      return { result: true };
    },
  };
}

/** The sandbox's methods, plus the shim for every entity whose update is missing. */
export function methodsWithUserFieldUpdate(): MethodDefinition[] {
  const methods = [...defaultMethods()];
  const kinds: CrmKind[] = ["lead", "contact", "company", "deal"];
  for (const kind of kinds) {
    if (!methods.some((m) => m.name === `crm.${kind}.userfield.update`)) methods.push(shim(kind));
  }
  return methods;
}

/** True while the sandbox itself lacks the method (the lead is told in the report). */
export const sandboxLacksUserFieldUpdate = (): boolean =>
  !defaultMethods().some((m) => m.name === "crm.deal.userfield.update");
