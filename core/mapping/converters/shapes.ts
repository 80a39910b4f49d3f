/**
 * Recognising and rendering canonical value shapes (`core/model/canonical.ts`),
 * so converters accept whatever a connector produced and the applier can
 * check that a value really fits the target field's type.
 */
import type {
  ContactPoint,
  FieldType,
  FileValue,
  Money,
  ScalarValue,
} from "../../model/canonical.js";

/** Canonical money `{ amount, currency }`. */
export function isMoney(value: unknown): value is Money {
  return typeof value === "object" && value !== null && "amount" in value && "currency" in value;
}

/** Canonical phone/e-mail/site/messenger `{ value, kind }`. */
export function isContactPoint(value: unknown): value is ContactPoint {
  return typeof value === "object" && value !== null && "value" in value && "kind" in value;
}

/** Canonical file `{ name, url?, contentBase64? }`. */
export function isFileValue(value: unknown): value is FileValue {
  return typeof value === "object" && value !== null && "name" in value && !("kind" in value);
}

/**
 * A scalar as text: money as "12500 RUB", a phone/e-mail as its value, a file
 * as its name, booleans as "Y"/"N" (Bitrix24's own spelling, which the
 * `boolean` converter reads back).
 */
export function stringifyScalar(value: ScalarValue): string {
  if (typeof value === "string") return value;
  if (typeof value === "number") return String(value);
  if (typeof value === "boolean") return value ? "Y" : "N";
  if (isMoney(value)) return `${value.amount} ${value.currency}`;
  if (isContactPoint(value)) return value.value;
  return value.name;
}

/** The id a list/user/record value holds, or undefined when it is not an id at all. */
export function idOf(value: ScalarValue): string | undefined {
  if (typeof value === "string") return value.trim();
  if (typeof value === "number" && Number.isFinite(value)) return String(value);
  return undefined;
}

/** True when `value` is the shape canonical.ts prescribes for a field of `type`. */
export function fitsType(type: FieldType, value: ScalarValue): boolean {
  switch (type) {
    case "number":
      return typeof value === "number" && Number.isFinite(value);
    case "integer":
      return typeof value === "number" && Number.isInteger(value);
    case "boolean":
      return typeof value === "boolean";
    case "money":
      return (
        isMoney(value) && typeof value.amount === "number" && typeof value.currency === "string"
      );
    case "phones":
    case "emails":
    case "urls":
    case "ims":
      return isContactPoint(value) && typeof value.value === "string";
    case "file":
      return isFileValue(value) && typeof value.name === "string";
    case "date":
      return typeof value === "string" && /^\d{4}-\d{2}-\d{2}$/.test(value);
    default:
      return typeof value === "string";
  }
}

/**
 * Identity of a value for de-duplication: a phone or e-mail is the same
 * whatever its kind (the first kind seen wins), anything else by content.
 */
export function valueKey(value: ScalarValue): string {
  if (isContactPoint(value)) return `contact:${value.value}`;
  return typeof value === "object" ? JSON.stringify(value) : `${typeof value}:${String(value)}`;
}
