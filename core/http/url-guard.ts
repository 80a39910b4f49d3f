import { lookup as dnsLookup } from "node:dns/promises";
import { isIP } from "node:net";
import { invalidInput } from "../errors.js";
import { isForbiddenAddress } from "./ip-ranges.js";
import { redactUrl } from "./redact.js";

/** Why a user URL was refused; the chat layer maps each code to a text in the user's language. */
export type UrlGuardCode =
  "url_malformed" | "url_not_https" | "url_private_address" | "url_unresolvable";

/** One resolved address, as `dns.promises.lookup(host, { all: true })` returns it. */
export interface ResolvedAddress {
  address: string;
  family: number;
}

/** Resolves a host name to all its addresses; injected so tests run offline. */
export type HostLookup = (hostname: string) => Promise<readonly ResolvedAddress[]>;

export interface UrlGuardOptions {
  /**
   * Hosts the operator allowed even though they are private or plain http, e.g.
   * `127.0.0.1:8080` for the sandbox. Matches `host` or `host:port`, case-insensitively.
   */
  allowedHosts: readonly string[];
  lookup?: HostLookup;
}

const defaultLookup: HostLookup = (hostname) => dnsLookup(hostname, { all: true, verbatim: true });

function refuse(code: UrlGuardCode, message: string, url?: string) {
  return invalidInput(message, { code, details: url === undefined ? {} : { url } });
}

function isAllowedHost(url: URL, allowedHosts: readonly string[]): boolean {
  const hostname = url.hostname.toLowerCase();
  const host = url.host.toLowerCase();
  const port = url.port !== "" ? url.port : url.protocol === "http:" ? "80" : "443";
  return allowedHosts.some((entry) => {
    const allowed = entry.trim().toLowerCase();
    return allowed === hostname || allowed === host || allowed === `${hostname}:${port}`;
  });
}

/**
 * Checks a URL a user gave before the first request to it: https only, and the host
 * must not be or resolve to a private, loopback, link-local, CGNAT or otherwise
 * special address (also in IPv4-mapped IPv6, decimal, octal or hex notation, which
 * the WHATWG parser normalises to dotted IPv4), unless the operator listed the host
 * in `allowedHosts` (then plain http is accepted too: the sandbox).
 *
 * Throws `PereezdError("invalid_input")` with a {@link UrlGuardCode} as `code`.
 * Residual risk: DNS can change between this check and the request (rebinding);
 * requests never follow redirects (see `request.ts`), which closes the common path.
 */
export async function checkUserUrl(raw: string, options: UrlGuardOptions): Promise<URL> {
  let url: URL;
  try {
    url = new URL(raw.trim());
  } catch {
    throw refuse("url_malformed", "The URL could not be parsed");
  }
  const shown = redactUrl(url);
  if (url.protocol !== "https:" && url.protocol !== "http:") {
    throw refuse("url_not_https", `Only https URLs are accepted, got ${url.protocol}`, shown);
  }
  if (url.hostname === "") throw refuse("url_malformed", "The URL has no host", shown);
  if (isAllowedHost(url, options.allowedHosts)) return url;
  if (url.protocol !== "https:") {
    throw refuse("url_not_https", "Only https URLs are accepted", shown);
  }

  const hostname = url.hostname.replace(/^\[|\]$/g, "");
  if (isIP(hostname) !== 0) {
    if (isForbiddenAddress(hostname)) {
      throw refuse("url_private_address", "The URL points to a private address", shown);
    }
    return url;
  }

  let addresses: readonly ResolvedAddress[];
  try {
    addresses = await (options.lookup ?? defaultLookup)(hostname);
  } catch {
    throw refuse("url_unresolvable", `The host ${hostname} could not be resolved`, shown);
  }
  if (addresses.length === 0) {
    throw refuse("url_unresolvable", `The host ${hostname} has no addresses`, shown);
  }
  if (addresses.some((a) => isForbiddenAddress(a.address))) {
    throw refuse(
      "url_private_address",
      `The host ${hostname} resolves to a private address`,
      shown,
    );
  }
  return url;
}
