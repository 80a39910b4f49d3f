/**
 * OAuth tokens of one connection and their renewal. Bitrix24 recommends refreshing
 * only after a call fails with `expired_token`, and every refresh rotates the refresh
 * token, so concurrent failures must share one refresh (reference §11.2 item 11,
 * https://github.com/bitrix24/b24jssdk/issues/182) and the new pair must be persisted.
 * https://apidocs.bitrix24.com/settings/oauth/auto-renewal.html
 */
import { z } from "zod";
import { authError, isPereezdError } from "../../errors.js";
import type { HttpClient } from "../../http/request.js";
import { Secret } from "../../http/secret.js";
import { DEFAULT_SERVER_ENDPOINT } from "./config.js";

/** A token pair as the connector holds it and hands it to `onTokens` for storage. */
export interface TokenSet {
  accessToken: Secret;
  refreshToken: Secret;
  /** Epoch ms. */
  expiresAt: number;
  memberId?: string;
}

/** Persists a refreshed pair (encrypted connection store); awaited before the call is retried. */
export type OnTokens = (tokens: TokenSet) => Promise<void> | void;

const tokenAnswerSchema = z.object({
  access_token: z.string().min(1),
  refresh_token: z.string().min(1),
  expires: z.number().optional(),
  expires_in: z.number().optional(),
  member_id: z.string().optional(),
});

export interface TokenKeeperOptions {
  /** Portal host, for messages. */
  host: string;
  clientId: string;
  clientSecret: Secret;
  initial: TokenSet;
  serverEndpoint?: string;
  http: HttpClient;
  now: () => number;
  timeoutMs: number;
  onTokens?: OnTokens;
}

export interface TokenKeeper {
  current(): TokenSet;
  /**
   * A fresh pair after `stale` was refused. If another call already replaced `stale`,
   * that pair is returned without a request; concurrent callers share one refresh.
   */
  refresh(stale: Secret): Promise<TokenSet>;
  /** Refreshes done by this keeper. */
  readonly refreshes: number;
}

/** `https://oauth.bitrix.info/oauth/token/` (or the sandbox's) from a `server_endpoint`. */
export function tokenUrl(serverEndpoint: string | undefined): string {
  return new URL("/oauth/token/", serverEndpoint ?? DEFAULT_SERVER_ENDPOINT).toString();
}

export function createTokenKeeper(options: TokenKeeperOptions): TokenKeeper {
  let current = options.initial;
  let inFlight: Promise<TokenSet> | null = null;
  let refreshes = 0;

  async function renew(): Promise<TokenSet> {
    // Shared by every waiting call, so no caller's signal may cancel it; the timeout bounds it.
    const response = await options.http
      .request({
        method: "POST",
        url: tokenUrl(options.serverEndpoint),
        form: {
          grant_type: "refresh_token",
          client_id: options.clientId,
          client_secret: options.clientSecret,
          refresh_token: current.refreshToken,
        },
        timeoutMs: options.timeoutMs,
        signal: new AbortController().signal,
        usage: false,
        // A refresh that reached the server rotated the refresh token: never repeat it blindly.
        idempotent: false,
      })
      .catch((error: unknown) => {
        if (!isPereezdError(error, "auth") && !isPereezdError(error, "invalid_input")) throw error;
        throw authError(
          `Bitrix24 refused to renew the access token of ${options.host} (${error.code ?? "error"}); connect the portal again`,
          {
            code: error.code ?? "token_refresh_failed",
            details: { host: options.host },
            cause: error,
          },
        );
      });
    const parsed = tokenAnswerSchema.safeParse(response.body);
    if (!parsed.success) {
      throw authError(
        `Bitrix24 did not renew the access token of ${options.host}; connect the portal again`,
        {
          code: "token_answer_invalid",
          details: { host: options.host },
        },
      );
    }
    const answer = parsed.data;
    const expiresAt =
      answer.expires !== undefined
        ? answer.expires * 1000
        : options.now() + (answer.expires_in ?? 3600) * 1000;
    const memberId = answer.member_id ?? current.memberId;
    const next: TokenSet = {
      accessToken: new Secret(answer.access_token),
      refreshToken: new Secret(answer.refresh_token),
      expiresAt,
      ...(memberId === undefined ? {} : { memberId }),
    };
    current = next;
    refreshes++;
    await options.onTokens?.(next);
    return next;
  }

  return {
    current: () => current,
    get refreshes() {
      return refreshes;
    },
    async refresh(stale) {
      if (current.accessToken !== stale) return current;
      inFlight ??= renew().finally(() => {
        inFlight = null;
      });
      return inFlight;
    },
  };
}
