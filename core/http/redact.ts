import { REDACTED, isSecret } from "./secret.js";

/**
 * Redaction of secrets in URLs, free text and structured log records.
 *
 * Why: Bitrix24 inbound webhooks carry the secret in the path
 * (`/rest/<uid>/<code>/<method>`, https://apidocs.bitrix24.com/local-integrations/local-webhooks.html),
 * OAuth clients put tokens in `auth`/`access_token` query params, and amoCRM/Jira
 * tokens travel as `Authorization` headers. Everything that leaves a process
 * (logs, error messages, chat echoes) passes through these functions (DESIGN.md §6).
 */

/** Query/fragment parameters whose value is a credential (compared case-insensitively). */
const SECRET_PARAMS = new Set(
  [
    "auth",
    "access_token",
    "refresh_token",
    "client_secret",
    "token",
    "key",
    "password",
    "apitoken",
    "api_key",
    "apikey",
    "code",
    "secret",
  ].map((name) => name.toLowerCase()),
);

/** Object keys (lower-cased, `_`/`-` removed) whose value is a credential. */
const SECRET_KEYS = new Set([
  "token",
  "secret",
  "password",
  "passwd",
  "authorization",
  "auth",
  "accesstoken",
  "refreshtoken",
  "clientsecret",
  "webhook",
  "webhookurl",
  "apitoken",
  "apikey",
  "key",
  "privatekey",
  "cookie",
  "setcookie",
  "credentials",
]);
const SECRET_KEY_SUFFIXES = ["token", "secret", "password", "privatekey"];

/** Bitrix24 webhook path `/rest/<uid>/<code>[/<method>]`. */
const WEBHOOK_PATH = /(\/rest\/\d+\/)([^/\s?#"'<>]+)/g;
/**
 * REST 3.0 webhook path `/rest/api/<uid>/<code>/<method>`. A slash must follow the
 * code, so Jira's `/rest/api/3/myself` stays readable; Jira's longer paths on hosts
 * other than atlassian.net are over-redacted, the safe direction.
 */
const WEBHOOK_V3_PATH = /(\/rest\/api\/\d+\/)([^/\s?#"'<>]+)(?=\/)/g;
const URL_IN_TEXT = /\bhttps?:\/\/[^\s"'<>`]+/gi;
const AUTH_SCHEME = /\b(Bearer|Basic)\s+[A-Za-z0-9._~+/=-]{4,}/gi;
const PARAM_IN_TEXT =
  /\b(auth|access_token|refresh_token|client_secret|token|password|apiToken|api_key)=([^&\s"'<>)\],;]+)/gi;
const JSON_FIELD_IN_TEXT =
  /"(auth|access_token|refresh_token|client_secret|token|password|apiToken|secret|private_key)"\s*:\s*"(?:[^"\\]|\\.)*"/gi;

/** True when an object key names a credential (`accessToken`, `webhook_url`, `key`…). */
export function isSecretKey(key: string): boolean {
  const normalized = key.toLowerCase().replace(/[_-]/g, "");
  return SECRET_KEYS.has(normalized) || SECRET_KEY_SUFFIXES.some((s) => normalized.endsWith(s));
}

function redactParams(params: URLSearchParams): boolean {
  let changed = false;
  for (const name of [...new Set(params.keys())]) {
    if (SECRET_PARAMS.has(name.toLowerCase())) {
      params.set(name, REDACTED);
      changed = true;
    }
  }
  return changed;
}

/**
 * The URL with its secrets replaced by `***`: webhook code in the path, credential
 * query/fragment params, userinfo. An unparsable string is redacted as text.
 */
export function redactUrl(url: string | URL): string {
  let parsed: URL;
  try {
    parsed = new URL(url.toString());
  } catch {
    return redactLoose(url.toString());
  }
  if (parsed.username !== "") parsed.username = REDACTED;
  if (parsed.password !== "") parsed.password = REDACTED;
  parsed.pathname = parsed.pathname.replace(WEBHOOK_PATH, `$1${REDACTED}`);
  if (!parsed.hostname.endsWith(".atlassian.net")) {
    parsed.pathname = parsed.pathname.replace(WEBHOOK_V3_PATH, `$1${REDACTED}`);
  }
  const query = new URLSearchParams(parsed.search);
  if (redactParams(query)) parsed.search = query.toString();
  if (parsed.hash.includes("=")) {
    const fragment = new URLSearchParams(parsed.hash.slice(1));
    if (redactParams(fragment)) parsed.hash = fragment.toString();
  }
  return parsed.toString();
}

/** Regex-only pass for text that is not a whole URL. */
function redactLoose(text: string): string {
  return text
    .replace(WEBHOOK_PATH, `$1${REDACTED}`)
    .replace(WEBHOOK_V3_PATH, `$1${REDACTED}`)
    .replace(AUTH_SCHEME, (_m, scheme: string) => `${scheme} ${REDACTED}`)
    .replace(PARAM_IN_TEXT, (_m, name: string) => `${name}=${REDACTED}`)
    .replace(JSON_FIELD_IN_TEXT, (_m, name: string) => `"${name}":"${REDACTED}"`);
}

/**
 * Arbitrary text (an error message, an HTML error page, a chat echo) with every URL,
 * `Bearer`/`Basic` credential, `auth=`-style pair and JSON token field redacted.
 */
export function redactText(text: string): string {
  let out = "";
  let last = 0;
  for (const match of text.matchAll(URL_IN_TEXT)) {
    const trail = /[.,;:!?)\]}]+$/.exec(match[0])?.[0] ?? "";
    const url = match[0].slice(0, match[0].length - trail.length);
    out += redactLoose(text.slice(last, match.index)) + redactUrl(url);
    last = match.index + url.length;
  }
  return out + redactLoose(text.slice(last));
}

const MAX_DEPTH = 12;

/**
 * A deep copy of `value` that is safe to log: credential-named keys become `***`,
 * strings go through {@link redactText}, `Secret`s print `***`, errors keep their
 * name, message and own fields (redacted). Cycles and very deep values are cut.
 */
export function redactObject(value: unknown): unknown {
  return walk(value, 0, new WeakSet());
}

function walk(value: unknown, depth: number, seen: WeakSet<object>): unknown {
  if (typeof value === "string") return redactText(value);
  if (value === null || typeof value !== "object") {
    return typeof value === "function" || typeof value === "symbol" ? String(value) : value;
  }
  if (isSecret(value)) return REDACTED;
  if (value instanceof URL) return redactUrl(value);
  if (value instanceof Date) return value;
  if (seen.has(value)) return "[Circular]";
  if (depth >= MAX_DEPTH) return "[Truncated]";
  seen.add(value);
  try {
    if (Array.isArray(value)) return value.map((item) => walk(item, depth + 1, seen));
    if (value instanceof Map) return walk(Object.fromEntries(value), depth, seen);
    if (value instanceof Set) return walk([...value], depth, seen);
    const out: Record<string, unknown> = {};
    if (value instanceof Error) {
      out["name"] = value.name;
      out["message"] = redactText(value.message);
      if (value.stack !== undefined) out["stack"] = redactText(value.stack);
      if (value.cause !== undefined) out["cause"] = walk(value.cause, depth + 1, seen);
    }
    for (const [key, item] of Object.entries(value)) {
      out[key] = isSecretKey(key) && item != null ? REDACTED : walk(item, depth + 1, seen);
    }
    return out;
  } finally {
    seen.delete(value);
  }
}

/**
 * Paths for pino's `redact` option: a second line of defence for loggers that are
 * not wired through {@link redactObject} (pino wildcards match one level only).
 */
export const pinoRedactPaths: readonly string[] = [
  ...[
    "token",
    "secret",
    "password",
    "authorization",
    "auth",
    "access_token",
    "refresh_token",
    "accessToken",
    "refreshToken",
    "client_secret",
    "webhook",
    "webhookUrl",
    "apiToken",
    "key",
    "private_key",
  ].flatMap((key) => [key, `*.${key}`]),
  "headers.authorization",
  "*.headers.authorization",
  "req.headers.cookie",
];
