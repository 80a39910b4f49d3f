/**
 * Where a REST request goes: `/rest/<method>[.json|.xml]` (OAuth) or
 * `/rest/<userId>/<code>/<method>[.json|.xml]` (inbound webhook).
 *
 * Docs: docs:local-integrations/local-webhooks.md,
 * docs:settings/how-to-call-rest-api/general-principles.md ("Request Result": `.json`
 * or `.xml` appended to the method name). Repeated slashes are collapsed because the
 * JS SDK builds `…/rest//<method>` from a `client_endpoint` ending in `/rest/`.
 * REST 3.0 (`/rest/api/…`) is not emulated and is reported as such.
 */

export type Transport = "json" | "xml";

export type RestRoute =
  | { kind: "webhook"; userId: string; code: string; method: string; transport: Transport }
  | { kind: "oauth"; method: string; transport: Transport }
  | { kind: "unsupported"; method: string; transport: Transport };

/** Collapse `//` runs; the rest of the path is left as sent. */
export function normalizePath(pathname: string): string {
  return pathname.replace(/\/{2,}/g, "/");
}

function decodeSegment(segment: string): string {
  try {
    return decodeURIComponent(segment);
  } catch {
    return segment;
  }
}

function splitTransport(raw: string): { method: string; transport: Transport } {
  const match = /^(.*)\.(json|xml)$/i.exec(raw);
  if (!match) return { method: raw.toLowerCase(), transport: "json" };
  const transport = (match[2] ?? "json").toLowerCase() === "xml" ? "xml" : "json";
  return { method: (match[1] ?? "").toLowerCase(), transport };
}

/** Parse a pathname under `/rest/`; null when the path is not a REST path at all. */
export function parseRestPath(pathname: string): RestRoute | null {
  const segments = normalizePath(pathname)
    .split("/")
    .filter((s) => s !== "")
    .map(decodeSegment);
  if (segments[0]?.toLowerCase() !== "rest") return null;
  const rest = segments.slice(1);
  const last = splitTransport(rest[rest.length - 1] ?? "");
  if (rest[0]?.toLowerCase() === "api") return { kind: "unsupported", ...last };
  if (rest.length === 1) return { kind: "oauth", ...last };
  if (rest.length === 3) {
    return { kind: "webhook", userId: rest[0] ?? "", code: rest[1] ?? "", ...last };
  }
  return { kind: "unsupported", ...last };
}
