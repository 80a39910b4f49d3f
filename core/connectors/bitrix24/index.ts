/**
 * The Bitrix24 connector (cloud and on-premise): companies, contacts, leads and deals
 * through the legacy `crm.<entity>.*` methods, read 2,500 and written 50 per request
 * (through `crm.item.*` while a legacy write method has spent its operating budget).
 * The only public surface of this folder.
 *
 * https://apidocs.bitrix24.com/ (REST API), https://apidocs.bitrix24.com/limits.html
 */
import { createHttpClient, type HttpLogger } from "../../http/request.js";
import type { RetryPolicyOptions } from "../../http/retry-policy.js";
import { sleep as realSleep, type Sleep } from "../../http/sleep.js";
import { checkUserUrl, type HostLookup } from "../../http/url-guard.js";
import type { RequestMeter } from "../../metering/call-usage.js";
import { CRM_ENTITIES, type EntityKind } from "../../model/canonical.js";
import type { PortalLimiter } from "../../ratelimit/portal-limiter.js";
import type { Connector } from "../connector.js";
import { checkConnection, listUsers } from "./check.js";
import { createBitrixClassify } from "./classify.js";
import { createBitrix24Client, operatingWaitMs, type OperatingBook } from "./client.js";
import {
  bitrix24Policy,
  DEFAULT_SERVER_ENDPOINT,
  endpointOf,
  parseBitrix24Config,
  type Bitrix24Config,
  type Bitrix24ConfigInput,
} from "./config.js";
import { ensureFields } from "./ensure.js";
import { ensureItems } from "./ensure-items.js";
import { crmName, isCrmEntity } from "./names.js";
import { createTokenKeeper, type OnTokens, type TokenKeeper } from "./oauth.js";
import { createCounter, findByOrigin, readByIds, readRecords } from "./records.js";
import { describeEntity, type Described } from "./schema.js";
import { removeRecords, writeRecords } from "./write.js";

export {
  bitrix24ConfigSchema,
  bitrix24Policy,
  parseBitrix24Config,
  parseWebhookUrl,
} from "./config.js";
export type { Bitrix24Config, Bitrix24ConfigInput, Deployment } from "./config.js";
export type { OnTokens, TokenSet } from "./oauth.js";
export { ERROR_KINDS } from "./errors.js";

export interface Bitrix24Deps {
  limiter: PortalLimiter;
  /** Hosts the operator allowed although private or plain http (the sandbox). */
  allowedHosts: readonly string[];
  fetch?: typeof fetch;
  meter?: RequestMeter;
  logger?: HttpLogger;
  now?: () => number;
  sleep?: Sleep;
  /** Stores a refreshed OAuth pair (the refresh token rotates). */
  onTokens?: OnTokens;
  /** DNS look-up for the URL guard; injected in tests. */
  lookup?: HostLookup;
  /** Per request; Bitrix24 cloud stops a request after 60 s. */
  timeoutMs?: number;
  retry?: RetryPolicyOptions;
}

export interface Bitrix24Connector extends Connector {
  /** OAuth refreshes done by this instance (0 for webhooks). */
  readonly tokenRefreshes: number;
}

const DEFAULT_TIMEOUT_MS = 65_000;
const never = () => new AbortController().signal;

/** A connector for one portal; throws `invalid_input` for malformed settings (no request made). */
export function createBitrix24Connector(
  input: Bitrix24ConfigInput | Bitrix24Config,
  deps: Bitrix24Deps,
): Bitrix24Connector {
  const config = parseBitrix24Config(input);
  const endpoint = endpointOf(config);
  const now = deps.now ?? Date.now;
  const sleep = deps.sleep ?? realSleep;
  const timeoutMs = deps.timeoutMs ?? DEFAULT_TIMEOUT_MS;
  const policy = bitrix24Policy(config.deployment);
  const operating: OperatingBook = { resetAt: new Map() };
  let queryLimitWaitMs = Math.ceil(1000 / policy.ratePerSec);
  const classify = createBitrixClassify({
    queryLimitWaitMs: () => queryLimitWaitMs,
    operatingWaitMs: (method) => operatingWaitMs(operating, method, now()),
  });
  const base = {
    now,
    sleep,
    classify,
    ...(deps.fetch ? { fetch: deps.fetch } : {}),
    ...(deps.logger ? { logger: deps.logger } : {}),
    ...(deps.retry ? { retry: deps.retry } : {}),
  };
  const http = createHttpClient({
    ...base,
    limiter: deps.limiter,
    ...(deps.meter ? { meter: deps.meter } : {}),
  });

  let tokens: TokenKeeper | undefined;
  const auth = config.auth;
  if (auth.mode === "oauth") {
    tokens = createTokenKeeper({
      host: endpoint.host,
      clientId: auth.clientId,
      clientSecret: auth.clientSecret,
      initial: {
        accessToken: auth.accessToken,
        refreshToken: auth.refreshToken,
        expiresAt: auth.expiresAt,
        ...(auth.memberId === undefined ? {} : { memberId: auth.memberId }),
      },
      ...(auth.serverEndpoint === undefined ? {} : { serverEndpoint: auth.serverEndpoint }),
      http: createHttpClient(base),
      now,
      timeoutMs,
      ...(deps.onTokens ? { onTokens: deps.onTokens } : {}),
    });
  }

  let ready: Promise<void> | undefined;
  async function prepare(): Promise<void> {
    const guard = {
      allowedHosts: deps.allowedHosts,
      ...(deps.lookup ? { lookup: deps.lookup } : {}),
    };
    await checkUserUrl(endpoint.origin, guard);
    if (auth.mode === "oauth")
      await checkUserUrl(auth.serverEndpoint ?? DEFAULT_SERVER_ENDPOINT, guard);
    // One drain interval of the limiter actually in use (time-scaled in tests and benches).
    const { ratePerSec } = await deps.limiter.stats(endpoint.host);
    if (Number.isFinite(ratePerSec) && ratePerSec > 0)
      queryLimitWaitMs = Math.ceil(1000 / ratePerSec);
  }

  const client = createBitrix24Client({
    http,
    endpoint,
    limiter: deps.limiter,
    // A refused URL is refused again on the next call (no request either way); a limiter
    // that did not answer is asked again.
    ready: () =>
      (ready ??= prepare().catch((error: unknown) => {
        ready = undefined;
        throw error;
      })),
    operating,
    timeoutMs,
    now,
    ...(deps.retry ? { retry: deps.retry } : {}),
    ...(tokens ? { tokens } : {}),
  });

  const schemas = new Map<EntityKind, Promise<Described>>();
  const describeFresh = (entity: EntityKind, signal: AbortSignal): Promise<Described> => {
    const pending = describeEntity(client, entity, signal);
    schemas.set(entity, pending);
    pending.catch(() => schemas.delete(entity));
    return pending;
  };
  const schemaOf = (entity: EntityKind, signal: AbortSignal) =>
    schemas.get(entity) ?? describeFresh(entity, signal);
  const count = createCounter(client);
  const records = { client, schemaOf };
  const ensure = { client, sleep, describe: describeFresh };

  return {
    system: "bitrix24",
    entities: CRM_ENTITIES,
    costModel: {
      readRecordsPerRequest: 2_500,
      writeRecordsPerRequest: 50,
      requestsPerSecond: policy.documented.ratePerSec,
      burst: policy.documented.burst,
    },
    get tokenRefreshes() {
      return tokens?.refreshes ?? 0;
    },
    check: (signal) =>
      checkConnection(
        {
          client,
          deployment: config.deployment.kind,
          accountId: tokens?.current().memberId ?? null,
        },
        signal ?? never(),
      ),
    describe: async (entity, signal) => (await describeFresh(entity, signal ?? never())).schema,
    count: (entity, options) => count(entity, options?.changedSince, options?.signal),
    read: (entity, options) => readRecords(records, entity, options),
    readByIds: (entity, ids, signal) => readByIds(records, entity, ids, signal ?? never()),
    write: (entity, list, origin, signal) =>
      writeRecords({ client, sleep }, entity, list, origin, signal ?? never()),
    ensureFields: (entity, specs, signal) => ensureFields(ensure, entity, specs, signal ?? never()),
    ensureItems: (entity, code, items, signal) =>
      ensureItems(ensure, entity, code, items, signal ?? never()),
    findByOrigin: (entity, ids, origin, signal) =>
      findByOrigin(client, entity, ids, origin, signal ?? never()),
    remove: (entity, ids, signal) =>
      removeRecords({ client, sleep }, entity, ids, signal ?? never()),
    listUsers: (signal) => listUsers(client, signal ?? never()),
    recordUrl: (entity, targetId) =>
      !isCrmEntity(entity)
        ? null
        : `${endpoint.origin}/crm/${crmName(entity)}/details/${encodeURIComponent(targetId)}/`,
  };
}
