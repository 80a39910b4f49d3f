/**
 * Creating CRM user fields (docs: crm/deals/user-defined-fields/crm-deal-userfield-add.md):
 * `FIELD_NAME` gets the `UF_CRM_` prefix (`UF_X` → `UF_CRM_X`), at most 50
 * characters of `A-Z0-9_`, unique per entity; enumeration items get their own
 * ids and the first item of a non-multiple list is the default.
 */
import { UF_ENTITY, type PortalData } from "./portal-data.js";
import type { CrmKind, EnumItem, UserFieldDef } from "./types.js";

/** USER_TYPE_IDs userfield.add accepts (docs: crm-deal-userfield-add.md). */
export const USER_TYPES: readonly string[] = [
  "string",
  "integer",
  "double",
  "boolean",
  "datetime",
  "date",
  "money",
  "url",
  "address",
  "enumeration",
  "file",
  "employee",
  "crm_status",
  "iblock_section",
  "iblock_element",
  "crm",
];

/** A refused user field; `code` is "" or ERROR_CORE as the docs list them. */
export class UserFieldError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
    this.name = "UserFieldError";
  }
}

/** A user field to add, in engine terms. */
export interface NewUserField {
  fieldName: string;
  userTypeId: string;
  label?: string;
  multiple?: boolean;
  mandatory?: boolean;
  sort?: number;
  xmlId?: string | null;
  showFilter?: boolean;
  settings?: Record<string, unknown>;
  list?: { value: string; sort?: number; def?: boolean; xmlId?: string }[];
}

/** `MANAGER_NOTE` → `UF_CRM_MANAGER_NOTE`, `UF_NOTE` → `UF_CRM_NOTE`. */
export function fullFieldName(name: string): string {
  const upper = name.toUpperCase();
  if (upper.startsWith("UF_CRM_")) return upper;
  if (upper.startsWith("UF_")) return `UF_CRM_${upper.slice(3)}`;
  return `UF_CRM_${upper}`;
}

function defaultSettings(type: string): Record<string, unknown> {
  switch (type) {
    case "string":
      return { SIZE: 20, ROWS: 1, REGEXP: "", MIN_LENGTH: 0, MAX_LENGTH: 0, DEFAULT_VALUE: "" };
    case "double":
      return { PRECISION: 2, DEFAULT_VALUE: null };
    case "boolean":
      return { DEFAULT_VALUE: 0, DISPLAY: "CHECKBOX" };
    case "date":
    case "datetime":
      return { DEFAULT_VALUE: { TYPE: "NONE", VALUE: "" } };
    case "enumeration":
      return { DISPLAY: "LIST", LIST_HEIGHT: 1, CAPTION_NO_VALUE: "", SHOW_NO_VALUE: "Y" };
    case "crm":
      return { LEAD: "Y", CONTACT: "N", COMPANY: "N", DEAL: "N" };
    case "money":
      return { DEFAULT_VALUE: "" };
    default:
      return {};
  }
}

/** Adds a user field to `kind`; throws UserFieldError with the documented texts. */
export function addUserField(data: PortalData, kind: CrmKind, input: NewUserField): UserFieldDef {
  if (input.fieldName.trim() === "")
    throw new UserFieldError("", "The 'FIELD_NAME' field is not found.");
  if (input.userTypeId.trim() === "")
    throw new UserFieldError("", "The 'USER_TYPE_ID' field is not found.");
  const fieldName = fullFieldName(input.fieldName.trim());
  if (fieldName.length > 50) {
    throw new UserFieldError("ERROR_CORE", "Field name is too long (more than 50 characters).");
  }
  if (!/^[A-Z0-9_]+$/.test(fieldName)) {
    throw new UserFieldError(
      "ERROR_CORE",
      "Field name contains invalid characters. Allowed characters are: A-Z, 0-9 and _.",
    );
  }
  if (!USER_TYPES.includes(input.userTypeId)) {
    throw new UserFieldError("ERROR_CORE", "Incorrect custom type specified.");
  }
  if (data.userField(kind, fieldName)) {
    throw new UserFieldError(
      "ERROR_CORE",
      `The field ${fieldName} for the ${UF_ENTITY[kind]} object already exists.`,
    );
  }
  const multiple = input.multiple === true && input.userTypeId !== "boolean";
  const def: UserFieldDef = {
    id: data.userFields.nextId(),
    entityId: UF_ENTITY[kind],
    fieldName,
    userTypeId: input.userTypeId,
    xmlId: input.xmlId ?? null,
    sort: input.sort !== undefined && input.sort > 0 ? input.sort : 100,
    multiple,
    mandatory: input.mandatory === true,
    showFilter: input.showFilter ? "E" : "N",
    showInList: true,
    editInList: true,
    isSearchable: false,
    settings: { ...defaultSettings(input.userTypeId), ...input.settings },
    label: input.label ?? fieldName,
  };
  if (input.userTypeId === "enumeration") def.list = enumItems(data, input.list ?? [], multiple);
  return data.userFields.insert(def);
}

function enumItems(
  data: PortalData,
  list: NonNullable<NewUserField["list"]>,
  multiple: boolean,
): EnumItem[] {
  const seen = new Set<string>();
  const items: EnumItem[] = [];
  for (const item of list) {
    if (item.value === "") continue;
    const xmlId = item.xmlId ?? `${data.userFields.nextId()}_${items.length + 1}`;
    if (seen.has(xmlId)) {
      throw new UserFieldError(
        "ERROR_CORE",
        `List item with value XML_ID=${xmlId} already exists.`,
      );
    }
    seen.add(xmlId);
    items.push({
      id: data.nextEnumItemId(),
      value: item.value,
      sort: item.sort ?? (items.length + 1) * 10,
      def: item.def === true,
      xmlId,
    });
  }
  if (!multiple) {
    // docs: for a non-multiple field only the first item passed with DEF = Y is the default
    const first = items.find((i) => i.def);
    for (const item of items) item.def = item === first;
  }
  return items;
}

/** Changes to a user field (`crm.*.userfield.update`); absent members stay as they are. */
export interface UserFieldPatch {
  label?: string;
  mandatory?: boolean;
  showFilter?: boolean;
  sort?: number;
  xmlId?: string | null;
  settings?: Record<string, unknown>;
  /** Entries without id are added, `{id, value}` renames, `{id, del: true}` removes. */
  list?: {
    id?: number;
    value?: string;
    sort?: number;
    def?: boolean;
    xmlId?: string;
    del?: boolean;
  }[];
}

/**
 * Updates a user field (docs: crm/deals/user-defined-fields/crm-deal-userfield-update.md):
 * SETTINGS overwrite only the keys given; list items not mentioned stay.
 */
export function updateUserField(data: PortalData, uf: UserFieldDef, patch: UserFieldPatch): void {
  if (patch.label !== undefined) uf.label = patch.label;
  if (patch.mandatory !== undefined) uf.mandatory = patch.mandatory;
  if (patch.showFilter !== undefined) uf.showFilter = patch.showFilter ? "E" : "N";
  if (patch.sort !== undefined && patch.sort > 0) uf.sort = patch.sort;
  if (patch.xmlId !== undefined) uf.xmlId = patch.xmlId;
  if (patch.settings) uf.settings = { ...uf.settings, ...patch.settings };
  if (!patch.list || uf.userTypeId !== "enumeration") return;
  const list = (uf.list ?? []).map((item) => ({ ...item }));
  for (const entry of patch.list) {
    const existing = entry.id === undefined ? undefined : list.find((i) => i.id === entry.id);
    if (existing) {
      if (entry.del) list.splice(list.indexOf(existing), 1);
      else {
        if (entry.value !== undefined && entry.value !== "") existing.value = entry.value;
        if (entry.sort !== undefined) existing.sort = entry.sort;
        if (entry.def !== undefined) existing.def = entry.def;
        if (entry.xmlId !== undefined) existing.xmlId = entry.xmlId;
      }
    } else if (entry.id === undefined && entry.value !== undefined && entry.value !== "") {
      list.push({
        id: data.nextEnumItemId(),
        value: entry.value,
        sort: entry.sort ?? (list.length + 1) * 10,
        def: entry.def === true,
        xmlId: entry.xmlId ?? `${uf.id}_${data.nextEnumItemId()}`,
      });
    }
  }
  const seen = new Set<string>();
  for (const item of list) {
    if (seen.has(item.xmlId)) {
      throw new UserFieldError(
        "ERROR_CORE",
        `List item with XML_ID='${item.xmlId}' already exists`,
      );
    }
    seen.add(item.xmlId);
  }
  if (!uf.multiple) {
    const first = list.find((i) => i.def);
    for (const item of list) item.def = item === first;
  }
  uf.list = list;
}
