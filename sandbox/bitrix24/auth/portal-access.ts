/**
 * Who may call one emulated portal: its inbound webhooks and its OAuth apps with
 * their tokens. Owned by the HTTP side; `Portal.access` points here.
 *
 * Lifetimes follow the docs (docs:settings/oauth/index.md,
 * docs:settings/oauth/auto-renewal.md): access token 1 h, refresh token 180 days,
 * authorization code 30 s; every refresh hands out a new refresh token.
 */
import type { Clock } from "../clock.js";
import {
  DEFAULT_TOKEN_LIFETIMES,
  OAuthRegistry,
  type AccessCheck,
  type OAuthApp,
  type TokenFailure,
  type TokenGrant,
  type TokenLifetimes,
} from "./oauth-tokens.js";
import { WebhookRegistry, type NewWebhook, type Webhook } from "./webhooks.js";

export type {
  AccessCheck,
  OAuthApp,
  TokenFailure,
  TokenGrant,
  TokenLifetimes,
} from "./oauth-tokens.js";
export type { NewWebhook, Webhook } from "./webhooks.js";

/** Clock and optional token lifetimes of a portal's access. */
export interface PortalAccessOptions {
  clock: Clock;
  /** Override token lifetimes (seconds), e.g. a short access token for a benchmark. */
  lifetimes?: Partial<TokenLifetimes>;
}

/** Webhooks and OAuth apps/tokens of one portal (`Portal.access`). */
export class PortalAccess {
  private readonly hooks: WebhookRegistry;
  private readonly oauth: OAuthRegistry;

  constructor(options: PortalAccessOptions) {
    this.hooks = new WebhookRegistry(options.clock);
    this.oauth = new OAuthRegistry(options.clock, {
      ...DEFAULT_TOKEN_LIFETIMES,
      ...options.lifetimes,
    });
  }

  /** Create an inbound webhook (random 16-character code unless one is given). */
  addWebhook(spec: NewWebhook): Webhook {
    return this.hooks.add(spec);
  }

  /** Revoke a webhook; its URL then answers 401 `INVALID_CREDENTIALS`. */
  revokeWebhook(code: string): boolean {
    return this.hooks.revoke(code);
  }

  /** The active webhook matching a URL's user id and code (constant-time compare). */
  findWebhook(userId: string, code: string): Webhook | undefined {
    return this.hooks.find(userId, code);
  }

  get webhooks(): readonly Webhook[] {
    return this.hooks.all();
  }

  /** Register an OAuth app ("local application") with its scopes. */
  addApp(spec: {
    clientId?: string;
    clientSecret?: string;
    scopes: Iterable<string>;
    redirectUri?: string;
  }): OAuthApp {
    return this.oauth.addApp(spec);
  }

  findApp(clientId: string): OAuthApp | undefined {
    return this.oauth.app(clientId);
  }

  get apps(): readonly OAuthApp[] {
    return this.oauth.allApps();
  }

  /** A new token pair for a user of an app, as installation gives it. */
  issueTokens(clientId: string, userId = 1): TokenGrant {
    return this.oauth.issue(clientId, userId);
  }

  /** `grant_type=refresh_token` of `/oauth/token/`. */
  refreshTokens(
    clientId: string,
    clientSecret: string,
    refreshToken: string,
  ): TokenGrant | TokenFailure {
    return this.oauth.refresh(clientId, clientSecret, refreshToken);
  }

  /** `/oauth/authorize/`: a one-time authorization code. */
  createAuthCode(clientId: string, userId = 1): string {
    return this.oauth.createCode(clientId, userId);
  }

  /** `grant_type=authorization_code` of `/oauth/token/`. */
  exchangeAuthCode(
    clientId: string,
    clientSecret: string,
    code: string,
  ): TokenGrant | TokenFailure {
    return this.oauth.exchangeCode(clientId, clientSecret, code);
  }

  /** Validate an access token sent with a REST call. */
  checkAccessToken(accessToken: string): AccessCheck {
    return this.oauth.check(accessToken);
  }

  /** Expire one access token, or every one when omitted; the next call gets `expired_token`. */
  expireAccessTokens(accessToken?: string): number {
    return this.oauth.expire(accessToken);
  }
}
