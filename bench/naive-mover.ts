/**
 * The naive way, for comparison (DESIGN.md §5): how a simple integration moves
 * a CRM — page through `crm.<entity>.list` 50 rows per request (`start` = the
 * previous answer's `next`), then `crm.<entity>.add` one record per request,
 * links rewritten through an in-memory id map. It waits for the same limiter as
 * the engine (same policy, same share of the documented rate) and retries a
 * refused or failed request, so the difference measured is batching alone.
 * It moves the standard fields only (custom fields would need the setup the
 * engine does), which costs it nothing in requests.
 */
import type { PortalLimiter } from "../core/ratelimit/index.js";

type Row = Record<string, unknown>;
type Entity = "company" | "contact" | "lead" | "deal";

export const NAIVE_ENTITIES: readonly Entity[] = ["company", "contact", "lead", "deal"];

const FIELDS: Record<Entity, readonly string[]> = {
  company: ["TITLE", "COMMENTS", "PHONE", "EMAIL"],
  contact: ["NAME", "LAST_NAME", "SECOND_NAME", "COMMENTS", "PHONE", "EMAIL", "COMPANY_ID"],
  lead: ["TITLE", "NAME", "LAST_NAME", "COMMENTS", "OPPORTUNITY", "CURRENCY_ID", "PHONE", "EMAIL"],
  deal: ["TITLE", "COMMENTS", "OPPORTUNITY", "CURRENCY_ID", "COMPANY_ID", "CONTACT_ID"],
};
const LINKS: Record<string, Entity> = { COMPANY_ID: "company", CONTACT_ID: "contact" };

export interface NaiveDeps {
  /** Webhook bases, `<origin>/rest/<user>/<code>/`. */
  source: string;
  target: string;
  limiter: PortalLimiter;
  originTag: string;
}

export interface NaiveResult {
  read: number;
  written: number;
  failed: number;
  requests: { source: number; target: number };
}

/** An id as the legacy API sends it (a string or a number). */
const idText = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" ? String(v) : "";

interface Answer {
  result?: unknown;
  next?: number;
  error?: string;
}

/** Moves every entity the naive way; counts its own requests per side too. */
export async function moveNaively(deps: NaiveDeps): Promise<NaiveResult> {
  const requests = { source: 0, target: 0 };
  const call = async (side: "source" | "target", method: string, body: Row): Promise<Answer> => {
    const base = deps[side];
    const host = new URL(base).host;
    for (let attempt = 1; ; attempt++) {
      await deps.limiter.acquire(host);
      requests[side] += 1;
      try {
        const response = await fetch(`${base}${method}`, {
          method: "POST",
          headers: { "content-type": "application/json" },
          body: JSON.stringify(body),
        });
        const text = await response.text();
        if (response.status === 503 || response.status >= 500) {
          if (response.status === 503) await deps.limiter.penalize(host, { retryAfterMs: 500 });
          if (attempt < 8) continue;
        }
        return JSON.parse(text) as Answer;
      } catch (error) {
        if (attempt >= 8) throw error;
      }
    }
  };

  const ids = new Map<Entity, Map<string, string>>(NAIVE_ENTITIES.map((e) => [e, new Map()]));
  const result: NaiveResult = { read: 0, written: 0, failed: 0, requests };
  for (const entity of NAIVE_ENTITIES) {
    let start: number | undefined = 0;
    while (start !== undefined) {
      const page = await call("source", `crm.${entity}.list`, {
        order: { ID: "ASC" },
        select: ["*", "PHONE", "EMAIL"],
        start,
      });
      const rows = Array.isArray(page.result) ? (page.result as Row[]) : [];
      result.read += rows.length;
      for (const row of rows) {
        const fields: Row = { ORIGINATOR_ID: deps.originTag, ORIGIN_ID: idText(row.ID) };
        for (const code of FIELDS[entity]) {
          const value = row[code];
          if (value === undefined || value === null || value === "") continue;
          const linked = LINKS[code];
          if (linked !== undefined) {
            const id = ids.get(linked)!.get(idText(value));
            if (id !== undefined) fields[code] = id;
          } else if (Array.isArray(value)) {
            fields[code] = (value as Row[]).map((v) => ({
              VALUE: v.VALUE,
              VALUE_TYPE: v.VALUE_TYPE,
            }));
          } else fields[code] = value;
        }
        const added = await call("target", `crm.${entity}.add`, { fields });
        if (added.error === undefined && added.result !== undefined) {
          ids.get(entity)!.set(idText(row.ID), idText(added.result));
          result.written += 1;
        } else result.failed += 1;
      }
      start = typeof page.next === "number" ? page.next : undefined;
    }
  }
  return result;
}
