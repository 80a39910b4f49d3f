/**
 * The `.xml` transport: the same data as JSON under a `<response>` root, integer keys
 * rendered as `<item>`, `true` as `1`, `false`/null as empty text.
 * Docs: docs:settings/how-to-call-rest-api/general-principles.md ("Request Result");
 * mechanics: srv:modules/rest/classes/general/rest.php (`outputXml`).
 */

function escape(text: string): string {
  return text
    .replace(/&/g, "&amp;")
    .replace(/</g, "&lt;")
    .replace(/>/g, "&gt;")
    .replace(/"/g, "&quot;")
    .replace(/'/g, "&#039;");
}

function scalar(value: unknown): string {
  if (value === true) return "1";
  if (value === false || value === null || value === undefined) return "";
  if (typeof value === "string") return escape(value);
  if (typeof value === "number" || typeof value === "bigint") return String(value);
  return "";
}

function render(value: unknown): string {
  if (value === null || typeof value !== "object") return scalar(value);
  const entries = Array.isArray(value)
    ? value.map((v, i) => [String(i), v] as const)
    : Object.entries(value as Record<string, unknown>);
  let out = "";
  for (const [key, child] of entries) {
    if (child === undefined) continue;
    const tag = /^(?:0|-?[1-9]\d*)$/.test(key) ? "item" : key;
    out += `<${tag}>${render(child)}</${tag}>`;
  }
  return out;
}

/** Serialise an answer body as the server's XML transport does. */
export function toXml(body: Record<string, unknown>): string {
  return `<response>${render(body)}</response>`;
}
