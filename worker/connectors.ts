/**
 * Stored connections → connectors, in the worker. The settings are decrypted here
 * only, for the connector's lifetime (one job); they never reach a log or an event.
 *
 * Also owns the limiter's policy per portal: the Redis limiter is one per process
 * and keyed by portal host, but a portal's budget depends on its plan (cloud,
 * Enterprise, on-premise), which only the connection's settings tell. Each opened
 * connection registers its host's policy before the first request.
 */
import { createBitrix24Connector, bitrix24Policy, parseBitrix24Config, parseWebhookUrl } from "../core/connectors/bitrix24/index.js";
import type { Connector } from "../core/connectors/connector.js";
import { configError, notFound } from "../core/errors.js";
import type { Logger } from "../core/logger.js";
import type { RequestMeter } from "../core/metering/index.js";
import { policies, type LimitPolicy, type PolicySource, type PortalLimiter } from "../core/ratelimit/index.js";
import type { SecretBox } from "../core/security/secret-box.js";
import type { Stores } from "../core/store/index.js";

/** Policies by limiter key, filled as connections are opened. */
export interface PolicyRegistry {
  /** For `createRedisLimiter({ policy })`. */
  source: PolicySource;
  register(key: string, policy: LimitPolicy): void;
}

/** Unknown keys get the strictest common budget (Bitrix24 cloud) until registered. */
export function createPolicyRegistry(fallback: LimitPolicy = policies.bitrix24Cloud): PolicyRegistry {
  const byKey = new Map<string, LimitPolicy>();
  return {
    source: (key) => byKey.get(key) ?? fallback,
    register: (key, policy) => void byKey.set(key, policy),
  };
}

/** Opens the connector of a stored connection, counting its requests with `meter`. */
export type OpenConnector = (connectionId: string, meter?: RequestMeter) => Promise<Connector>;

export interface ConnectorOpenerDeps {
  stores: Pick<Stores, "connections">;
  box: SecretBox;
  limiter: PortalLimiter;
  policies: PolicyRegistry;
  /** ALLOWED_PRIVATE_HOSTS: private or plain-http hosts the operator allowed (the sandbox). */
  allowedHosts: readonly string[];
  logger: Pick<Logger, "debug" | "warn">;
}

const hostOf = (portal: string): string => new URL(portal.includes("://") ? portal : `https://${portal}`).host;

export function createConnectorOpener(deps: ConnectorOpenerDeps): OpenConnector {
  return async (connectionId, meter) => {
    const connection = await deps.stores.connections.getById(connectionId);
    if (connection === null) throw notFound("The CRM connection no longer exists", { code: "connection_missing" });
    if (connection.status === "revoked") {
      throw configError("The CRM connection was revoked; connect it again", { code: "connection_revoked" });
    }
    if (connection.system !== "bitrix24") {
      throw configError(`The worker cannot move data with ${connection.system} yet`, { code: "system_unsupported" });
    }
    const config = parseBitrix24Config(deps.box.openJson(connection.secret));
    const host = config.auth.mode === "webhook" ? parseWebhookUrl(config.auth.url).host : hostOf(config.auth.portal);
    deps.policies.register(host, bitrix24Policy(config.deployment));
    return createBitrix24Connector(config, {
      limiter: deps.limiter,
      allowedHosts: deps.allowedHosts,
      logger: deps.logger,
      ...(meter ? { meter } : {}),
      onTokens: async (tokens) => {
        if (config.auth.mode !== "oauth") return;
        const auth = {
          ...config.auth,
          clientSecret: config.auth.clientSecret.reveal(),
          accessToken: tokens.accessToken.reveal(),
          refreshToken: tokens.refreshToken.reveal(),
          expiresAt: tokens.expiresAt,
          ...(tokens.memberId ? { memberId: tokens.memberId } : {}),
        };
        // The refresh token rotates: losing the new one would lock the connection out.
        await deps.stores.connections.update(connectionId, { secret: deps.box.sealJson({ ...config, auth }) });
      },
    });
  };
}
