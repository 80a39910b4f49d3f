/**
 * Request parameters as the Bitrix24 REST server sees them: query string and body
 * merged with the body winning (`array_replace`), PHP bracket syntax expanded,
 * `start` intval-ed and removed, `auth`/`access_token`/`state` removed.
 *
 * Mechanics: srv:modules/rest/classes/general/rest_util.php (`getRequestData`: a JSON
 * body that fails to parse silently becomes no parameters; any other non-form body is
 * read with `parse_str`), srv:.../rest.php (`processCall` strips `start`, `init` strips
 * `state`), srv:modules/rest/lib/oauth/auth.php (`getAuthKey`: `Authorization: Bearer`
 * first, then `auth`, then `access_token`). Docs:
 * docs:settings/how-to-call-rest-api/general-principles.md, data-encoding.md.
 */
import type { Params } from "../method-types.js";
import { paramsFromPairs, parsePhpQuery, toObject } from "./php-query.js";
import { phpIntval } from "./php-values.js";

/** A REST request as the method layer needs it. */
export interface ParsedRequest {
  /** What the method handler receives. */
  params: Params;
  /** `intval(start)`; undefined when the request did not send `start`. */
  start: number | undefined;
  /** OAuth access token from the header or the `auth`/`access_token` parameter. */
  accessToken: string | undefined;
}

/** Parameters the server consumes itself; handlers never see them. */
const RESERVED = ["auth", "access_token", "state", "start"] as const;

function mediaType(request: Request): string {
  const header = request.headers.get("content-type") ?? "";
  return (header.split(";")[0] ?? "").trim().toLowerCase();
}

async function readBody(request: Request): Promise<Params> {
  if (request.method !== "POST" || request.body === null) return {};
  const type = mediaType(request);
  if (type === "multipart/form-data") {
    try {
      const form = await request.formData();
      const pairs: [string, string][] = [];
      // Uploaded files go to PHP's $_FILES, never into the method parameters.
      form.forEach((value, name) => {
        if (typeof value === "string") pairs.push([name, value]);
      });
      return paramsFromPairs(pairs);
    } catch {
      return {};
    }
  }
  const raw = (await request.text()).trim();
  if (raw === "") return {};
  if (type === "application/json") {
    try {
      return toObject(JSON.parse(raw) as unknown);
    } catch {
      return {};
    }
  }
  return parsePhpQuery(raw);
}

function bearerToken(request: Request): string | undefined {
  const header = request.headers.get("authorization");
  if (header === null || !/^Bearer\s+/i.test(header)) return undefined;
  return header.replace(/^Bearer\s+/i, "");
}

/** Remove what the server consumes (`start`, auth, `state`) and return it separately. */
export function splitReserved(merged: Params): {
  params: Params;
  start: number | undefined;
  token: string | undefined;
} {
  const params: Params = { ...merged };
  const start = "start" in params ? phpIntval(params.start) : undefined;
  let token: string | undefined;
  for (const key of ["auth", "access_token"] as const) {
    const value = params[key];
    if (token === undefined && key in params && !isArrayLike(value)) token = stringOf(value);
  }
  for (const key of RESERVED) delete params[key];
  return { params, start, token };
}

function isArrayLike(value: unknown): boolean {
  return value !== null && typeof value === "object";
}

function stringOf(value: unknown): string {
  if (typeof value === "string") return value;
  if (typeof value === "number" || typeof value === "boolean") return String(value);
  return "";
}

/** Parse a REST request: query + body, reserved parameters split off. */
export async function parseRestRequest(request: Request): Promise<ParsedRequest> {
  const url = new URL(request.url);
  const query = parsePhpQuery(url.search.replace(/^\?/, ""));
  const body = await readBody(request);
  const { params, start, token } = splitReserved({ ...query, ...body });
  return { params, start, accessToken: bearerToken(request) ?? token };
}
