/**
 * OAuth 2.0 apps and tokens of one portal, playing the part of `oauth.bitrix.info`.
 *
 * Docs: docs:settings/oauth/index.md (authorization code lives 30 s; access token
 * 1 hour), docs:settings/oauth/auto-renewal.md (refresh token 180 days; every refresh
 * returns a new refresh token), docs:settings/oauth/error-codes.md (`invalid_client`,
 * `invalid_grant`). A used or superseded refresh token is refused with `invalid_grant`;
 * access tokens issued earlier stay valid until they expire.
 */
import type { Clock } from "../clock.js";
import { randomSecret, safeEqual } from "./secrets.js";

/** A local application registered on the portal. */
export interface OAuthApp {
  readonly clientId: string;
  readonly clientSecret: string;
  scopes: ReadonlySet<string>;
  /** Where `/oauth/authorize/` sends the user back; without it the code is shown as JSON. */
  redirectUri?: string;
}

/** One issued token pair. Times are epoch ms. */
export interface TokenGrant {
  readonly clientId: string;
  readonly userId: number;
  readonly scopes: ReadonlySet<string>;
  readonly accessToken: string;
  readonly refreshToken: string;
  accessExpiresAt: number;
  readonly refreshExpiresAt: number;
  /** Lifetime of the access token as issued, seconds (`expires_in`). */
  readonly expiresIn: number;
}

/** An `/oauth/token/` refusal (docs:settings/oauth/error-codes.md). */
export interface TokenFailure {
  error: "invalid_client" | "invalid_grant" | "invalid_request";
  description: string;
}

export type AccessCheck =
  { ok: true; grant: TokenGrant } | { ok: false; error: "invalid_token" | "expired_token" };

/** Lifetimes in seconds. */
export interface TokenLifetimes {
  accessSeconds: number;
  refreshSeconds: number;
  codeSeconds: number;
}

/** Documented lifetimes: access 1 h, refresh 180 days, code 30 s. */
export const DEFAULT_TOKEN_LIFETIMES: TokenLifetimes = {
  accessSeconds: 3600,
  refreshSeconds: 180 * 24 * 3600,
  codeSeconds: 30,
};

interface PendingCode {
  clientId: string;
  userId: number;
  expiresAt: number;
}

/** Apps, token pairs and authorization codes of one portal. */
export class OAuthRegistry {
  private readonly apps = new Map<string, OAuthApp>();
  private readonly byAccess = new Map<string, TokenGrant>();
  private readonly byRefresh = new Map<string, TokenGrant>();
  private readonly codes = new Map<string, PendingCode>();

  constructor(
    private readonly clock: Clock,
    private readonly lifetimes: TokenLifetimes = DEFAULT_TOKEN_LIFETIMES,
  ) {}

  addApp(spec: {
    clientId?: string;
    clientSecret?: string;
    scopes: Iterable<string>;
    redirectUri?: string;
  }): OAuthApp {
    const app: OAuthApp = {
      clientId: spec.clientId ?? `local.${randomSecret(14)}.${randomSecret(8)}`,
      clientSecret: spec.clientSecret ?? randomSecret(50),
      scopes: new Set(spec.scopes),
      ...(spec.redirectUri === undefined ? {} : { redirectUri: spec.redirectUri }),
    };
    this.apps.set(app.clientId, app);
    return app;
  }

  app(clientId: string): OAuthApp | undefined {
    return this.apps.get(clientId);
  }

  allApps(): readonly OAuthApp[] {
    return [...this.apps.values()];
  }

  /** A fresh token pair for `userId` in `clientId` (what app installation gives). */
  issue(clientId: string, userId: number): TokenGrant {
    const app = this.apps.get(clientId);
    if (!app) throw new Error(`No OAuth app ${clientId} on this portal`);
    const now = this.clock.now();
    const grant: TokenGrant = {
      clientId,
      userId,
      scopes: app.scopes,
      accessToken: randomSecret(32),
      refreshToken: randomSecret(32),
      accessExpiresAt: now + this.lifetimes.accessSeconds * 1000,
      refreshExpiresAt: now + this.lifetimes.refreshSeconds * 1000,
      expiresIn: this.lifetimes.accessSeconds,
    };
    this.byAccess.set(grant.accessToken, grant);
    this.byRefresh.set(grant.refreshToken, grant);
    return grant;
  }

  private authenticateClient(clientId: string, clientSecret: string): OAuthApp | TokenFailure {
    const app = this.apps.get(clientId);
    if (!app || !safeEqual(clientSecret, app.clientSecret)) {
      return { error: "invalid_client", description: "Invalid client data" };
    }
    return app;
  }

  /** `grant_type=refresh_token`: a new pair; the refresh token used is spent. */
  refresh(clientId: string, clientSecret: string, refreshToken: string): TokenGrant | TokenFailure {
    const app = this.authenticateClient(clientId, clientSecret);
    if ("error" in app) return app;
    const previous = this.byRefresh.get(refreshToken);
    if (
      !previous ||
      previous.clientId !== clientId ||
      previous.refreshExpiresAt <= this.clock.now()
    ) {
      return { error: "invalid_grant", description: "Invalid refresh token" };
    }
    this.byRefresh.delete(refreshToken);
    return this.issue(clientId, previous.userId);
  }

  /** `/oauth/authorize/`: a one-time code for `userId`, valid for 30 s. */
  createCode(clientId: string, userId: number): string {
    const code = randomSecret(32);
    const expiresAt = this.clock.now() + this.lifetimes.codeSeconds * 1000;
    this.codes.set(code, { clientId, userId, expiresAt });
    return code;
  }

  /** `grant_type=authorization_code`: codes are single-use. */
  exchangeCode(clientId: string, clientSecret: string, code: string): TokenGrant | TokenFailure {
    const app = this.authenticateClient(clientId, clientSecret);
    if ("error" in app) return app;
    const pending = this.codes.get(code);
    this.codes.delete(code);
    if (!pending || pending.clientId !== clientId || pending.expiresAt <= this.clock.now()) {
      return { error: "invalid_grant", description: "Invalid authorization code" };
    }
    return this.issue(clientId, pending.userId);
  }

  /** What the portal finds for an access token sent with a call. */
  check(accessToken: string): AccessCheck {
    const grant = this.byAccess.get(accessToken);
    if (!grant) return { ok: false, error: "invalid_token" };
    if (grant.accessExpiresAt <= this.clock.now()) return { ok: false, error: "expired_token" };
    return { ok: true, grant };
  }

  /** Make one access token (or all when omitted) expired now; returns how many changed. */
  expire(accessToken?: string): number {
    const now = this.clock.now();
    let changed = 0;
    for (const grant of this.byAccess.values()) {
      if (accessToken !== undefined && grant.accessToken !== accessToken) continue;
      if (grant.accessExpiresAt > now) {
        grant.accessExpiresAt = now;
        changed++;
      }
    }
    return changed;
  }
}
