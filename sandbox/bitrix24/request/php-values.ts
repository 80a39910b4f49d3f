/**
 * PHP's loose conversions, as the Bitrix24 REST server applies them to request
 * parameters: `intval($query['start'])`, `(bool)$query['HALT']`, `$query['FULL'] == true`.
 * Reproduced so that a client sending `halt=false` in a query string sees what the
 * real server does with it (the string "false" is truthy in PHP).
 *
 * Source: srv:modules/rest/classes/general/rest.php (`processCall`),
 * srv:modules/rest/classes/general/rest_provider.php (`methodsBatch`, `scopeList`).
 */

const NUMERIC_PREFIX = /^[ \t\n\r\v\f]*[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?/;

/** PHP 8 `intval()`: leading numeric prefix of a string, truncated toward zero; arrays give 0 or 1. */
export function phpIntval(value: unknown): number {
  if (typeof value === "number") return Number.isFinite(value) ? Math.trunc(value) : 0;
  if (typeof value === "boolean") return value ? 1 : 0;
  if (typeof value === "string") {
    const match = NUMERIC_PREFIX.exec(value);
    if (!match) return 0;
    const parsed = Math.trunc(Number(match[0].trim()));
    return Number.isFinite(parsed) ? parsed : 0;
  }
  if (Array.isArray(value)) return value.length > 0 ? 1 : 0;
  if (value !== null && typeof value === "object") return Object.keys(value).length > 0 ? 1 : 0;
  return 0;
}

/** PHP `(bool)`: false for null, false, 0, "0", "" and empty arrays; true for anything else. */
export function phpBool(value: unknown): boolean {
  if (value === undefined || value === null || value === false) return false;
  if (typeof value === "number") return value !== 0 && !Number.isNaN(value);
  if (typeof value === "string") return value !== "" && value !== "0";
  if (Array.isArray(value)) return value.length > 0;
  if (typeof value === "object") return Object.keys(value).length > 0;
  return true;
}

/** Case-insensitive parameter lookup, like `array_change_key_case($query, CASE_UPPER)['NAME']`. */
export function paramUpper(params: Record<string, unknown>, name: string): unknown {
  let found: unknown;
  const wanted = name.toUpperCase();
  for (const [key, value] of Object.entries(params)) {
    if (key.toUpperCase() === wanted) found = value;
  }
  return found;
}
