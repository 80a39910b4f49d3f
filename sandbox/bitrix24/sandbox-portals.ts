/**
 * Building the portals of a sandbox: `Portal` objects with their access (a default
 * webhook for user 1, a local OAuth app with a token pair) and runtime state.
 */
import { randomBytes } from "node:crypto";
import type { PortalAccessOptions } from "./auth/portal-access.js";
import {
  PortalAccess,
  type OAuthApp,
  type TokenGrant,
  type Webhook,
} from "./auth/portal-access.js";
import type { Clock } from "./clock.js";
import { emptyPortalData } from "./data/empty-portal.js";
import type { PortalData } from "./data/portal-data.js";
import type { FaultOptions } from "./faults.js";
import type { LimitsOptions } from "./limits/limits-config.js";
import type { MethodDefinition } from "./method-types.js";
import type { Portal, PortalKind, PortalPlan } from "./portal.js";

/** How one portal of the sandbox looks; every field has a default. */
export interface SandboxPortalSpec {
  /** Stable portal id; 32 random hex characters by default. */
  memberId?: string;
  /** Informational host name (`member_id`-like identity); `b24-<n>.bitrix24.test` by default. */
  domain?: string;
  kind?: PortalKind;
  plan?: PortalPlan;
  /** Offset used in dates, `+03:00` by default. */
  timeZone?: string;
  /** The portal's records; otherwise the sandbox's `createData`, else a fresh portal (admin user 1). */
  data?: PortalData;
  /** The default webhook: user 1, every scope the methods use, random code. */
  webhook?: { userId?: number; scopes?: readonly string[]; code?: string };
  /** The local OAuth app: every scope, random client id and secret. */
  app?: {
    clientId?: string;
    clientSecret?: string;
    scopes?: readonly string[];
    redirectUri?: string;
  };
  /** Per-portal limits, on top of the sandbox-wide ones. */
  limits?: LimitsOptions | false;
  faults?: FaultOptions | null;
}

/** A portal as built, before it listens. */
export interface BuiltPortal {
  portal: Portal;
  webhook: Webhook;
  app: OAuthApp;
  tokens: TokenGrant;
}

/** Scopes a default webhook/app gets besides those of the served methods. */
export const STANDARD_SCOPES = ["crm", "user", "department", "task", "telephony", "disk"] as const;

/** Every scope the methods need, plus the standard ones. */
export function allScopes(methods: readonly MethodDefinition[]): string[] {
  const scopes = new Set<string>(STANDARD_SCOPES);
  for (const method of methods) if (method.scope !== null) scopes.add(method.scope);
  return [...scopes];
}

/** A portal with its default webhook (user 1), local OAuth app and first token pair. */
export function buildPortal(
  spec: SandboxPortalSpec,
  index: number,
  deps: {
    clock: Clock;
    scopes: readonly string[];
    lifetimes?: PortalAccessOptions["lifetimes"];
    createData?: (index: number) => PortalData;
  },
): BuiltPortal {
  const access = new PortalAccess({
    clock: deps.clock,
    ...(deps.lifetimes ? { lifetimes: deps.lifetimes } : {}),
  });
  const data =
    spec.data ?? deps.createData?.(index) ?? emptyPortalData({ now: () => deps.clock.now() });
  const portal: Portal = {
    memberId: spec.memberId ?? randomBytes(16).toString("hex"),
    domain: spec.domain ?? `b24-${index + 1}.bitrix24.test`,
    kind: spec.kind ?? "cloud",
    plan: spec.plan ?? "standard",
    timeZone: spec.timeZone ?? "+03:00",
    data,
    access,
  };
  const webhook = access.addWebhook({
    userId: spec.webhook?.userId ?? 1,
    scopes: spec.webhook?.scopes ?? deps.scopes,
    ...(spec.webhook?.code === undefined ? {} : { code: spec.webhook.code }),
  });
  const app = access.addApp({
    scopes: spec.app?.scopes ?? deps.scopes,
    ...(spec.app?.clientId === undefined ? {} : { clientId: spec.app.clientId }),
    ...(spec.app?.clientSecret === undefined ? {} : { clientSecret: spec.app.clientSecret }),
    ...(spec.app?.redirectUri === undefined ? {} : { redirectUri: spec.app.redirectUri }),
  });
  const tokens = access.issueTokens(app.clientId, webhook.userId);
  return { portal, webhook, app, tokens };
}

/** `<base>/rest/<userId>/<code>/`, the shape of a real inbound webhook URL. */
export function webhookUrl(baseUrl: string, webhook: Webhook): string {
  return `${baseUrl}/rest/${webhook.userId}/${webhook.code}/`;
}
