/**
 * The handle a test holds on a running sandbox: its portals and the in-process admin
 * API (no HTTP backdoor): webhooks, tokens, faults, limits and request counters.
 */
import type { Server } from "node:http";
import type { NewWebhook, TokenGrant, Webhook } from "./auth/portal-access.js";
import type { FaultOptions } from "./faults.js";
import type { LimitsOptions } from "./limits/limits-config.js";
import type { Portal } from "./portal.js";
import type { PortalRuntime } from "./portal-runtime.js";
import { webhookUrl } from "./sandbox-portals.js";
import type { PortalStats } from "./stats.js";

/** One running portal as a test sees it. */
export interface SandboxPortal {
  portal: Portal;
  /** `http://127.0.0.1:<port>` */
  baseUrl: string;
  /** The default inbound webhook (user 1) and its URL, `<baseUrl>/rest/1/<code>/`. */
  webhook: Webhook;
  webhookUrl: string;
  /** The local OAuth app and the token pair it was installed with. */
  app: { clientId: string; clientSecret: string };
  tokens: TokenGrant;
  /** `<baseUrl>/rest/`, as a token answer's `client_endpoint`/`server_endpoint`. */
  clientEndpoint: string;
  runtime: PortalRuntime;
}

/** Which portal an admin call means: the handle, the portal, its member id or its index. */
export type PortalRef = SandboxPortal | Portal | string | number;

/** A running sandbox. Admin calls take an optional portal (default: the first; setters: all). */
export interface Bitrix24Sandbox {
  /** Base URL of the first portal. */
  baseUrl: string;
  portals: SandboxPortal[];
  portal(ref?: PortalRef): SandboxPortal;
  /** Add an inbound webhook (default portal: the first). */
  addWebhook(spec: NewWebhook, portal?: PortalRef): { webhook: Webhook; url: string };
  /** Revoke a webhook by code (default: the portal's default webhook). */
  revokeWebhook(code?: string, portal?: PortalRef): boolean;
  /** A new token pair for the portal's app. */
  issueTokens(userId?: number, portal?: PortalRef): TokenGrant;
  /** Expire access tokens now (one token, or all of a portal, or all of every portal). */
  expireTokens(portal?: PortalRef, accessToken?: string): number;
  /** Replace fault settings of one portal or of all. */
  setFaults(faults: FaultOptions | null, portal?: PortalRef): void;
  /** Replace limits of one portal or of all (counters restart). */
  setLimits(limits: LimitsOptions | false, portal?: PortalRef): void;
  stats(portal?: PortalRef): PortalStats;
  resetStats(portal?: PortalRef): void;
  close(): Promise<void>;
}

/** Wrap running portals and their servers into the handle. */
export function createHandle(
  portals: SandboxPortal[],
  servers: Server[],
  closeServer: (server: Server) => Promise<void>,
): Bitrix24Sandbox {
  const resolve = (ref: PortalRef = 0): SandboxPortal => {
    const found =
      typeof ref === "number"
        ? portals[ref]
        : portals.find((p) => p === ref || p.portal === ref || p.portal.memberId === ref);
    if (!found) throw new Error(`Bitrix24 sandbox: no such portal (${typeof ref})`);
    return found;
  };
  const each = (ref: PortalRef | undefined) => (ref === undefined ? portals : [resolve(ref)]);
  return {
    baseUrl: portals[0]?.baseUrl ?? "",
    portals,
    portal: resolve,
    addWebhook(spec, ref) {
      const target = resolve(ref);
      const webhook = target.portal.access.addWebhook(spec);
      return { webhook, url: webhookUrl(target.baseUrl, webhook) };
    },
    revokeWebhook(code, ref) {
      const target = resolve(ref);
      return target.portal.access.revokeWebhook(code ?? target.webhook.code);
    },
    issueTokens(userId = 1, ref) {
      const target = resolve(ref);
      return target.portal.access.issueTokens(target.app.clientId, userId);
    },
    expireTokens(ref, accessToken) {
      return each(ref).reduce((n, p) => n + p.portal.access.expireAccessTokens(accessToken), 0);
    },
    setFaults(faults, ref) {
      for (const p of each(ref)) p.runtime.setFaults(faults);
    },
    setLimits(limits, ref) {
      for (const p of each(ref)) p.runtime.setLimits(limits);
    },
    stats: (ref) => resolve(ref).runtime.stats.snapshot(),
    resetStats(ref) {
      for (const p of each(ref)) p.runtime.stats.reset();
    },
    close: async () => {
      await Promise.all(servers.map(closeServer));
    },
  };
}
