/**
 * Which converter fits which pair of field types. One table serves the
 * proposal (pick a converter) and the validation (reject a hand-edited one),
 * so the two can never disagree. Covers every pair that occurs between
 * Bitrix24 (`string, integer, double, money, date, datetime, boolean,
 * enumeration, crm_status, employee, crm, url, file, address`) and amoCRM
 * (`text, textarea, numeric, price, monetary, checkbox, select, radiobutton,
 * multiselect, multitext, date, date_time, birthday, url, linked_entity, file…`)
 * once their connectors have described them as canonical `FieldType`s.
 */
import type { FieldType } from "../model/canonical.js";
import type { ConverterKind } from "./mapping-schema.js";

const TEXTS: readonly FieldType[] = ["string", "text"];
const NUMBERS: readonly FieldType[] = ["number", "integer"];
const LISTS: readonly FieldType[] = ["enum", "pipeline", "stage"];
const CONTACTS: readonly FieldType[] = ["phones", "emails", "urls", "ims"];
const DATES: readonly FieldType[] = ["date", "datetime"];

/** Source types a converter reads → target types it writes. */
export const CONVERTER_TYPES: Readonly<
  Record<ConverterKind, { from: readonly FieldType[]; to: readonly FieldType[] }>
> = {
  copy: { from: [], to: [] }, // special-cased in `isConverterCompatible`
  text: { from: [...TEXTS, ...NUMBERS, "money", ...DATES, "boolean", ...CONTACTS], to: TEXTS },
  number: { from: [...TEXTS, ...NUMBERS, "money"], to: NUMBERS },
  money: { from: [...TEXTS, ...NUMBERS, "money"], to: ["money"] },
  date: { from: [...TEXTS, ...NUMBERS, ...DATES], to: ["date"] },
  datetime: { from: [...TEXTS, ...NUMBERS, ...DATES], to: ["datetime"] },
  boolean: { from: [...TEXTS, ...NUMBERS, "boolean", "enum"], to: ["boolean"] },
  string_to_enum: { from: [...TEXTS, ...NUMBERS, "boolean"], to: LISTS },
  enum_to_enum: { from: LISTS, to: LISTS },
  enum_to_string: { from: LISTS, to: TEXTS },
  phone: { from: [...TEXTS, ...NUMBERS, "phones"], to: ["phones", ...TEXTS] },
  email: { from: [...TEXTS, "emails"], to: ["emails", ...TEXTS] },
  user_ref: { from: ["user_ref"], to: ["user_ref"] },
  entity_ref: { from: ["entity_ref"], to: ["entity_ref"] },
};

/** Types whose values are ids of the source system: never copied as they are. */
const ID_TYPES: ReadonlySet<FieldType> = new Set([
  "enum",
  "pipeline",
  "stage",
  "user_ref",
  "entity_ref",
]);

/** `copy` pairs: the same type (ids excepted), text ↔ string, integer → number, text ↔ urls/ims. */
export function isCopyCompatible(from: FieldType, to: FieldType): boolean {
  if (from === to) return !ID_TYPES.has(from);
  if (TEXTS.includes(from) && TEXTS.includes(to)) return true;
  if (from === "integer" && to === "number") return true;
  const plainContacts: readonly FieldType[] = ["urls", "ims"];
  return (
    (TEXTS.includes(from) && plainContacts.includes(to)) ||
    (plainContacts.includes(from) && TEXTS.includes(to))
  );
}

/** True when `kind` can turn a `from` value into a `to` value. */
export function isConverterCompatible(
  kind: ConverterKind,
  from: FieldType,
  to: FieldType,
): boolean {
  if (kind === "copy") return isCopyCompatible(from, to);
  const types = CONVERTER_TYPES[kind];
  return types.from.includes(from) && types.to.includes(to);
}

/** Target types a `collapse: { pick: "join" }` makes sense for. */
export function canJoin(to: FieldType): boolean {
  return TEXTS.includes(to);
}

export const TEXT_TYPES = TEXTS;
export const LIST_TYPES = LISTS;
export const CONTACT_TYPES = CONTACTS;
