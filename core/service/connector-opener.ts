/**
 * Stored connections → connectors, for every process that runs the engine (the
 * worker, the CLI, the benchmark's migrating child). The settings are decrypted
 * here only, for the connector's lifetime; they never reach a log or an event.
 *
 * Also owns the limiter's policy per portal: a limiter is one per process and
 * keyed by portal host, but a portal's budget depends on its plan (cloud,
 * Enterprise, on-premise), which only the connection's settings tell. Each opened
 * connection registers its host's policy before the first request.
 *
 * Moved here from `worker/connectors.ts` (which re-exports it) so the CLI and the
 * benchmark open connections exactly as the worker does.
 */
import {
  bitrix24Policy,
  createBitrix24Connector,
  parseBitrix24Config,
  parseWebhookUrl,
  type Bitrix24Config,
} from "../connectors/bitrix24/index.js";
import type { Connector } from "../connectors/connector.js";
import { configError, notFound } from "../errors.js";
import type { Logger } from "../logger.js";
import type { RequestMeter } from "../metering/index.js";
import {
  policies,
  scalePolicy,
  type LimitPolicy,
  type PolicySource,
  type PortalLimiter,
} from "../ratelimit/index.js";
import type { SecretBox } from "../security/secret-box.js";
import type { Stores } from "../store/index.js";

/** Policies by limiter key, filled as connections are opened. */
export interface PolicyRegistry {
  /** For `createRedisLimiter({ policy })` / `createMemoryLimiter({ policy })`. */
  source: PolicySource;
  register(key: string, policy: LimitPolicy): void;
}

/**
 * Unknown keys get the strictest common budget (Bitrix24 cloud) until registered.
 * `timeScale` > 1 runs every policy that many times faster (`scalePolicy`), to
 * match the time-scaled sandbox in the demo, tests and benchmarks.
 */
export function createPolicyRegistry(
  fallback: LimitPolicy = policies.bitrix24Cloud,
  options: { timeScale?: number } = {},
): PolicyRegistry {
  const byKey = new Map<string, LimitPolicy>();
  const timeScale = options.timeScale ?? 1;
  return {
    source: (key) => scalePolicy(byKey.get(key) ?? fallback, timeScale),
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

const hostOf = (portal: string): string =>
  new URL(portal.includes("://") ? portal : `https://${portal}`).host;

/** The limiter key of a Bitrix24 connection: its portal host. */
export function bitrix24Host(config: Bitrix24Config): string {
  return config.auth.mode === "webhook"
    ? parseWebhookUrl(config.auth.url).host
    : hostOf(config.auth.portal);
}

/** See the module comment: decrypts, registers the portal's policy, builds the connector. */
export function createConnectorOpener(deps: ConnectorOpenerDeps): OpenConnector {
  return async (connectionId, meter) => {
    const connection = await deps.stores.connections.getById(connectionId);
    if (connection === null)
      throw notFound("The CRM connection no longer exists", { code: "connection_missing" });
    if (connection.status === "revoked") {
      throw configError("The CRM connection was revoked; connect it again", {
        code: "connection_revoked",
      });
    }
    if (connection.system !== "bitrix24") {
      throw configError(`The worker cannot move data with ${connection.system} yet`, {
        code: "system_unsupported",
      });
    }
    const config = parseBitrix24Config(deps.box.openJson(connection.secret));
    deps.policies.register(bitrix24Host(config), bitrix24Policy(config.deployment));
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
        await deps.stores.connections.update(connectionId, {
          secret: deps.box.sealJson({ ...config, auth }),
        });
      },
    });
  };
}
