/**
 * PHP `http_build_query` for `batch` command strings (`crm.deal.list?filter[>ID]=5`):
 * nested objects and arrays become bracket keys, `true`/`false` become `1`/`0`,
 * null and undefined are left out (as PHP leaves out null and empty arrays).
 * The server reads each command with `parse_str`, so both keys and values are
 * percent-encoded. https://apidocs.bitrix24.com/settings/how-to-call-rest-api/data-encoding.html
 */

export type PhpValue =
  | string
  | number
  | boolean
  | null
  | undefined
  | readonly PhpValue[]
  | { readonly [key: string]: PhpValue };

function append(out: string[], key: string, value: PhpValue): void {
  if (value === null || value === undefined) return;
  if (Array.isArray(value)) {
    value.forEach((item: PhpValue, i) => append(out, `${key}[${i}]`, item));
    return;
  }
  if (typeof value === "object") {
    for (const [name, item] of Object.entries(value as Record<string, PhpValue>)) {
      append(out, `${key}[${name}]`, item);
    }
    return;
  }
  const text = typeof value === "boolean" ? (value ? "1" : "0") : String(value);
  out.push(`${encodeURIComponent(key)}=${encodeURIComponent(text)}`);
}

/** `params` as a PHP query string (without the leading `?`). */
export function buildPhpQuery(params: Readonly<Record<string, PhpValue>>): string {
  const out: string[] = [];
  for (const [key, value] of Object.entries(params)) append(out, key, value);
  return out.join("&");
}

/** One `batch` command: `method?query`. */
export function batchCommand(method: string, params: Readonly<Record<string, PhpValue>>): string {
  const query = buildPhpQuery(params);
  return query === "" ? method : `${method}?${query}`;
}
