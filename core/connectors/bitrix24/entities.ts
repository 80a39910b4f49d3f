/**
 * Canonical records ↔ Bitrix24 legacy CRM rows (`crm.<entity>.list/add/update`),
 * UPPER_CASE field codes kept as they are. Legacy lists send every scalar as a
 * string, so reading needs the field types from `describe`; writing does not.
 *
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-add.html,
 * multi-fields https://apidocs.bitrix24.com/api-reference/crm/data-types.html#crm_multifield,
 * files https://apidocs.bitrix24.com/api-reference/files/how-to-upload-files.html
 */
import type {
  CanonicalRecord,
  ContactPoint,
  EntityKind,
  FieldType,
  FieldValue,
  ScalarValue,
  TargetRecord,
} from "../../model/canonical.js";
import type { EntitySchema, FieldSchema } from "../../model/schema.js";
import type { PhpValue } from "./php-query.js";
import type { Row } from "./wire.js";

/** Multi-field codes and the `VALUE_TYPE`s each accepts. */
const VALUE_TYPES: Readonly<Record<string, readonly string[]>> = {
  PHONE: ["WORK", "MOBILE", "FAX", "HOME", "PAGER", "MAILING", "OTHER"],
  EMAIL: ["WORK", "HOME", "MAILING", "OTHER"],
  WEB: ["WORK", "HOME", "FACEBOOK", "VK", "LIVEJOURNAL", "TWITTER", "OTHER"],
  IM: [
    "TELEGRAM",
    "VK",
    "SKYPE",
    "VIBER",
    "BITRIX24",
    "OPENLINE",
    "IMOL",
    "ICQ",
    "MSN",
    "JABBER",
    "OTHER",
  ],
  LINK: ["USER", "OTHER"],
};

/** Whether `code` is a multi-field (PHONE, EMAIL, WEB, IM, LINK). */
export const isMultiFieldCode = (code: string): boolean => code in VALUE_TYPES;

/** `select` for lists: PHONE/EMAIL/WEB/IM only come when named (reference §11.2 item 8). */
export function selectFor(entity: EntityKind): string[] {
  return entity === "deals" ? ["*", "UF_*"] : ["*", "UF_*", "PHONE", "EMAIL", "WEB", "IM", "LINK"];
}

const str = (v: unknown): string | null =>
  typeof v === "string" ? (v === "" ? null : v) : typeof v === "number" ? String(v) : null;

function scalarOf(type: FieldType, raw: unknown): ScalarValue | null {
  switch (type) {
    case "integer":
    case "number": {
      const text = str(raw);
      const n = text === null ? NaN : Number(text);
      return Number.isFinite(n) ? n : null;
    }
    case "boolean":
      if (raw === true || raw === 1 || raw === "Y" || raw === "1") return true;
      if (raw === false || raw === 0 || raw === "N" || raw === "0") return false;
      return null;
    case "money": {
      const [amount, currency] = (str(raw) ?? "").split("|");
      const n = Number(amount);
      return amount === undefined || amount === "" || !Number.isFinite(n)
        ? null
        : { amount: n, currency: currency ?? "" };
    }
    case "date":
      return str(raw)?.slice(0, 10) ?? null;
    case "user_ref":
    case "entity_ref": {
      const id = str(raw);
      return id === null || id === "0" ? null : id;
    }
    case "file": {
      if (raw === null || typeof raw !== "object") return null;
      const file = raw as Record<string, unknown>;
      const id = str(file["id"]) ?? "file";
      const url = str(file["downloadUrl"]) ?? str(file["showUrl"]);
      return url === null ? { name: `file-${id}` } : { name: `file-${id}`, url };
    }
    default:
      return str(raw);
  }
}

function contactPoints(raw: unknown): ContactPoint[] {
  if (!Array.isArray(raw)) return [];
  const out: ContactPoint[] = [];
  for (const entry of raw as unknown[]) {
    if (entry === null || typeof entry !== "object") continue;
    const e = entry as Record<string, unknown>;
    const value = str(e["VALUE"]);
    if (value !== null) out.push({ value, kind: str(e["VALUE_TYPE"]) ?? "OTHER" });
  }
  return out;
}

function valueOf(field: FieldSchema | undefined, raw: unknown): FieldValue {
  if (field === undefined) return str(raw);
  if (["phones", "emails", "urls", "ims"].includes(field.type)) return contactPoints(raw);
  if (field.multiple || Array.isArray(raw)) {
    const list = Array.isArray(raw)
      ? (raw as unknown[])
      : raw === false || raw === null
        ? []
        : [raw];
    return list.map((v) => scalarOf(field.type, v)).filter((v): v is ScalarValue => v !== null);
  }
  return scalarOf(field.type, raw);
}

/** A legacy row as a canonical record (`ID` becomes `id`). */
export function toCanonical(entity: EntityKind, row: Row, schema: EntitySchema): CanonicalRecord {
  const byCode = new Map(schema.fields.map((f) => [f.code, f]));
  const fields: Record<string, FieldValue> = {};
  for (const [code, raw] of Object.entries(row)) {
    if (code === "ID") continue;
    fields[code] = valueOf(byCode.get(code), raw);
  }
  const record: CanonicalRecord = { entity, id: str(row["ID"]) ?? "", fields };
  const updated = str(row["DATE_MODIFY"]);
  const created = str(row["DATE_CREATE"]);
  if (updated !== null) record.updatedAt = updated;
  if (created !== null) record.createdAt = created;
  return record;
}

export class ConversionError extends Error {
  constructor(
    message: string,
    readonly path: string,
  ) {
    super(message);
    this.name = "ConversionError";
  }
}

const isObject = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object";

function wireScalar(code: string, value: ScalarValue): PhpValue {
  if (typeof value === "boolean")
    return code.startsWith("UF_") ? (value ? 1 : 0) : value ? "Y" : "N";
  if (typeof value === "string" || typeof value === "number") return value;
  if ("amount" in value) return `${value.amount}|${value.currency}`;
  if ("kind" in value) return value.value;
  if (value.contentBase64 === undefined) {
    throw new ConversionError(`File "${value.name}" has no content to upload`, code);
  }
  return { fileData: [value.name, value.contentBase64] };
}

function multiField(code: string, value: FieldValue): PhpValue {
  const list = Array.isArray(value) ? value : value === null ? [] : [value];
  const allowed = VALUE_TYPES[code] ?? [];
  return list.map((v) => {
    const point =
      isObject(v) && "kind" in v
        ? v
        : { value: typeof v === "object" ? "" : String(v), kind: "WORK" };
    const kind = point.kind.toUpperCase();
    return { VALUE: point.value, VALUE_TYPE: allowed.includes(kind) ? kind : "OTHER" };
  });
}

/**
 * The `fields` of `crm.<entity>.add/update` for a target record. A create is stamped
 * with `ORIGINATOR_ID` = the migration tag and `ORIGIN_ID` = the source id, so a run
 * that crashed after creating can find it (`findByOrigin`). `null` clears on update.
 */
export function toBitrixFields(
  record: TargetRecord,
  originTag: string | null,
): Record<string, PhpValue> {
  const fields: Record<string, PhpValue> = {};
  const creating = record.targetId === undefined;
  for (const [code, value] of Object.entries(record.fields)) {
    if (code === "ID") continue;
    if (value === null || (Array.isArray(value) && value.length === 0)) {
      if (!creating) fields[code] = "";
      continue;
    }
    if (code in VALUE_TYPES) {
      fields[code] = multiField(code, value);
    } else if (Array.isArray(value)) {
      fields[code] = value.map((v) => wireScalar(code, v));
    } else if (isObject(value) && "amount" in value && !code.startsWith("UF_")) {
      fields[code] = value.amount;
      if (!("CURRENCY_ID" in record.fields) && value.currency !== "")
        fields["CURRENCY_ID"] = value.currency;
    } else {
      fields[code] = wireScalar(code, value);
    }
  }
  if (creating && originTag !== null) {
    fields["ORIGINATOR_ID"] = originTag;
    fields["ORIGIN_ID"] = record.sourceId;
  }
  return fields;
}
