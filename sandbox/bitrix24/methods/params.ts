/**
 * Typed access to request parameters. Legacy methods accept `fields` and
 * `FIELDS`, `id` and `ID` alike (CCrmRestHelper::resolveParam reads both), so
 * look-ups try the name as given, lower- and upper-case.
 */
import { z } from "zod";
import { RestError, type Params } from "../method-types.js";

/** A parameter object. */
export type Dict = Record<string, unknown>;

/** A plain object (not an array). */
export const isDict = (v: unknown): v is Dict =>
  typeof v === "object" && v !== null && !Array.isArray(v);

/** A parameter by name, case-insensitively (exact, lower, UPPER, then any case). */
export function param(params: Params, name: string): unknown {
  if (name in params) return params[name];
  const lower = name.toLowerCase();
  if (lower in params) return params[lower];
  const upper = name.toUpperCase();
  if (upper in params) return params[upper];
  const key = Object.keys(params).find((k) => k.toLowerCase() === lower);
  return key === undefined ? undefined : params[key];
}

/**
 * An object parameter; missing → `{}` unless required. A value that is not an
 * object fails like the legacy methods: `Parameter 'fields' must be array.`
 */
export function dictParam(params: Params, name: string, required = false): Dict {
  const v = param(params, name);
  if (v === undefined || v === null || v === "") {
    if (required) throw new RestError("", `Parameter '${name}' must be array.`);
    return {};
  }
  if (isDict(v)) return v;
  if (Array.isArray(v) && v.length === 0) return {};
  throw new RestError("", `Parameter '${name}' must be array.`);
}

const positiveInt = z.coerce.number().int().positive();

/** A positive integer or undefined (for `id`, `entityTypeId`, `taskId`…). */
export function positiveIntOf(v: unknown): number | undefined {
  if (typeof v !== "number" && typeof v !== "string") return undefined;
  if (typeof v === "string" && !/^\s*\d+\s*$/.test(v)) return undefined;
  const parsed = positiveInt.safeParse(v);
  return parsed.success ? parsed.data : undefined;
}

/** Legacy `id`: positive integer or `ID is not defined or invalid.` */
export function legacyId(params: Params, name = "id"): number {
  const id = positiveIntOf(param(params, name));
  if (id === undefined) throw new RestError("", "ID is not defined or invalid.");
  return id;
}

/** Integer (possibly 0 or negative) or undefined. */
export function intOf(v: unknown): number | undefined {
  if (typeof v === "number" && Number.isInteger(v)) return v;
  if (typeof v === "string" && /^\s*-?\d+\s*$/.test(v)) return Number(v);
  return undefined;
}

/** String value or undefined (numbers are accepted as their text). */
export function stringOf(v: unknown): string | undefined {
  if (typeof v === "string") return v;
  if (typeof v === "number") return String(v);
  return undefined;
}

/** `Y`/`1`/`true` → true. */
export function flagOf(v: unknown): boolean {
  return v === true || v === 1 || v === "1" || v === "Y" || v === "y" || v === "true";
}

/** An array parameter, or the values of an object sent with numeric keys. */
export function listOf(v: unknown): unknown[] {
  if (Array.isArray(v)) return v;
  if (isDict(v)) return Object.values(v);
  return v === undefined || v === null || v === "" ? [] : [v];
}
