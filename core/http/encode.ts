import { Secret } from "./secret.js";

/**
 * Request and response encoding for the HTTP client: query strings, JSON and form
 * bodies, and a defensive body parser (Bitrix24 and amoCRM sometimes answer with an
 * HTML page or an empty body where JSON is expected).
 */

type Scalar = string | number | boolean | Secret;
/** Arrays repeat the key (`ranges=a&ranges=b`); null/undefined are left out. */
export type QueryParams = Record<string, Scalar | readonly Scalar[] | null | undefined>;
export type FormBody = URLSearchParams | Record<string, Scalar | null | undefined>;

const text = (value: Scalar): string => (value instanceof Secret ? value.reveal() : String(value));

/** `base` with `query` appended to whatever query it already has. */
export function buildUrl(base: string, query: QueryParams | undefined): URL {
  const url = new URL(base);
  for (const [name, value] of Object.entries(query ?? {})) {
    if (value === null || value === undefined) continue;
    if (Array.isArray(value)) {
      for (const item of value as readonly Scalar[]) url.searchParams.append(name, text(item));
    } else {
      url.searchParams.append(name, text(value as Scalar));
    }
  }
  return url;
}

/** The body and its content type: JSON wins over a form; neither → no body. */
export function buildBody(
  json: unknown,
  form: FormBody | undefined,
): { body?: string; contentType?: string } {
  if (json !== undefined) {
    return { body: JSON.stringify(json), contentType: "application/json; charset=utf-8" };
  }
  if (form === undefined) return {};
  const params = form instanceof URLSearchParams ? form : new URLSearchParams();
  if (!(form instanceof URLSearchParams)) {
    for (const [name, value] of Object.entries(form)) {
      if (value !== null && value !== undefined) params.append(name, text(value));
    }
  }
  return { body: params.toString(), contentType: "application/x-www-form-urlencoded" };
}

/**
 * JSON when the content type says so or the text looks like JSON, else the text as
 * is; an empty body is null. Invalid JSON is returned as text, never thrown.
 */
export function parseBody(raw: string, contentType: string | null): unknown {
  if (raw.trim() === "") return null;
  const looksJson = /^\s*[[{"]/.test(raw);
  if (looksJson || (contentType ?? "").includes("json")) {
    try {
      return JSON.parse(raw) as unknown;
    } catch {
      return raw;
    }
  }
  return raw;
}
