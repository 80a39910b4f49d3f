/**
 * Small pure helpers shared by the mapping: label normalisation (how two CRMs'
 * names for the same thing are compared) and JSON paths (how a problem points
 * at the exact place in a mapping file or a record).
 */
import type { FieldValue, ScalarValue } from "../model/canonical.js";

/**
 * A label reduced to what a person means by it: case, runs of spaces (incl.
 * non-breaking), ё/е and Unicode composition do not matter. Used to match
 * fields, list items, pipelines and stages between two systems, and as the key
 * of `string_to_enum` value maps, so an edited file stays readable.
 */
export function normalizeLabel(label: string): string {
  return label
    .normalize("NFC")
    .toLowerCase()
    .replace(/ё/g, "е")
    .replace(/[\s\u00a0\u2007\u202f]+/g, " ")
    .trim();
}

const IDENTIFIER = /^[A-Za-z_$][A-Za-z0-9_$]*$/;

/**
 * Renders a path as a JSON-ish accessor: `entities.deals.fields[3].target.code`,
 * `converter.valueMap["C1:NEW"]`. Users see these in the chat next to a problem,
 * so keys that are not identifiers are quoted rather than mangled.
 */
export function formatPath(segments: ReadonlyArray<string | number | symbol>): string {
  let out = "";
  for (const segment of segments) {
    if (typeof segment === "number") out += `[${segment}]`;
    else if (typeof segment === "symbol") out += `[${JSON.stringify(segment.description ?? "")}]`;
    else if (IDENTIFIER.test(segment)) out += out === "" ? segment : `.${segment}`;
    else out += `[${JSON.stringify(segment)}]`;
  }
  return out;
}

/** Joins a base path and more segments (the base is already formatted). */
export function joinPath(base: string, ...segments: Array<string | number>): string {
  const rest = formatPath(segments);
  if (base === "") return rest;
  return rest.startsWith("[") ? base + rest : `${base}.${rest}`;
}

/** True for the values a CRM shows as "empty": null, "", whitespace, []. */
export function isEmptyValue(value: FieldValue | undefined): boolean {
  if (value === null || value === undefined) return true;
  if (typeof value === "string") return value.trim() === "";
  if (Array.isArray(value)) return value.every((v) => isEmptyValue(v));
  return false;
}

/** A field value as a list of non-empty scalars (multiple fields hold arrays). */
export function toScalarList(value: FieldValue | undefined): ScalarValue[] {
  if (value === null || value === undefined) return [];
  const list = Array.isArray(value) ? value : [value];
  return list.filter((v) => !isEmptyValue(v));
}
