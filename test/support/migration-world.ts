/**
 * A Bitrix24 → Bitrix24 migration between two sandbox portals, prepared the way
 * the CLI prepares one (`prepareMigration`): a source filled with generated CRM
 * data, a target with the same employees under other ids and nothing else, both
 * with cloud limits on (time-scaled), stored as sealed connections in memory
 * stores, and the proposed mapping confirmed.
 *
 * The stores can be served over loopback HTTP (`startStoreServer`), so a child
 * process runs the engine and may be SIGKILLed while the state lives on here, as
 * it lives on in MongoDB in production. Tests and the benchmark only.
 */
import {
  createBitrix24Connector,
  type Bitrix24ConfigInput,
} from "../../core/connectors/bitrix24/index.js";
import type { Mapping } from "../../core/mapping/index.js";
import type { EntityKind } from "../../core/model/canonical.js";
import { createMemoryLimiter, policies } from "../../core/ratelimit/index.js";
import { createSecretBox, type SecretBox } from "../../core/security/secret-box.js";
import { prepareMigration, type PreparedMigration } from "../../core/service/index.js";
import { createMemoryStores, type Migration, type Stores } from "../../core/store/index.js";
import { startStoreServer, type StoreServer } from "../../core/store/remote/store-server.js";
import { addUser, emptyPortalData } from "../../sandbox/bitrix24/data/empty-portal.js";
import { generatePortalData } from "../../sandbox/bitrix24/data/generate.js";
import type { PortalData } from "../../sandbox/bitrix24/data/portal-data.js";
import {
  startBitrix24Sandbox,
  type Bitrix24Sandbox,
  type FaultOptions,
} from "../../sandbox/bitrix24/index.js";

export const WORLD_ENTITIES = [
  "companies",
  "contacts",
  "leads",
  "deals",
] as const satisfies readonly EntityKind[];
/** The key connections are sealed with (tests only). */
export const WORLD_KEY_HEX = "7a".repeat(32);

export interface MigrationWorldOptions {
  /** About how many CRM records the source holds. */
  size: number;
  seed?: number;
  /** Sandbox limits and our limiter run this many times faster. */
  timeScale: number;
  /** The sandbox's operating (per-method time) limit; on by default, as in the cloud. */
  operating?: boolean;
  faults?: FaultOptions | null;
  /** Seed of the sandbox's fault sequences (portal i uses seed + i). */
  faultSeed?: number;
  /** How both connections authenticate: inbound webhook (default) or OAuth app tokens. */
  auth?: "webhook" | "oauth";
  /** Serve the stores over HTTP for child processes. */
  serve?: boolean;
  entities?: readonly EntityKind[];
}

export interface MigrationWorld {
  sandbox: Bitrix24Sandbox;
  stores: Stores;
  /** Set when `serve`: what `createRemoteStores` takes. */
  storeUrl: string | null;
  box: SecretBox;
  /** `host:port` of both portals, for ALLOWED_PRIVATE_HOSTS. */
  allowedHosts: string[];
  timeScale: number;
  migration: Migration;
  mapping: Mapping;
  prepared: PreparedMigration;
  /** The settings stored for a side (the secret in clear: tests only). */
  settings(side: 0 | 1): Bitrix24ConfigInput;
  close(): Promise<void>;
}

/**
 * The target: a fresh portal whose staff are the source's active employees, added in
 * reverse (so ids differ); former employees' records go to the target's admin.
 */
function targetData(source: PortalData): PortalData {
  const admin = source.users.get(1);
  const data = emptyPortalData({ adminEmail: String(admin?.f.EMAIL ?? "admin@example.ru") });
  const staff = source.users.rows.filter((u) => u.id !== 1 && u.f.ACTIVE !== "N").reverse();
  for (const user of staff) {
    addUser(data, {
      name: String(user.f.NAME ?? ""),
      lastName: String(user.f.LAST_NAME ?? ""),
      email: String(user.f.EMAIL ?? ""),
      departments: [1],
    });
  }
  return data;
}

/** Starts the sandbox, prepares the migration through `prepareMigration`; `close()` when done. */
export async function startMigrationWorld(options: MigrationWorldOptions): Promise<MigrationWorld> {
  const { timeScale } = options;
  const source = generatePortalData({ size: options.size, seed: options.seed ?? 11 });
  const sandbox = await startBitrix24Sandbox({
    portals: [{ data: source }, { data: targetData(source) }],
    timeScale,
    limits: { timeScale, ...(options.operating === false ? { operating: false } : {}) },
    faults: null,
    ...(options.faultSeed === undefined ? {} : { seed: options.faultSeed }),
    onHandlerError: (error, method) =>
      process.stderr.write(`sandbox ${method}: ${String(error)}\n`),
  });
  const allowedHosts = sandbox.portals.map((p) => new URL(p.baseUrl).host);
  const settings = (index: 0 | 1): Bitrix24ConfigInput => {
    const p = sandbox.portal(index);
    const deployment = { kind: "cloud", plan: "standard" } as const;
    if (options.auth !== "oauth")
      return { auth: { mode: "webhook", url: p.webhookUrl }, deployment };
    return {
      auth: {
        mode: "oauth",
        portal: p.baseUrl,
        clientId: p.app.clientId,
        clientSecret: p.app.clientSecret,
        accessToken: p.tokens.accessToken,
        refreshToken: p.tokens.refreshToken,
        expiresAt: p.tokens.accessExpiresAt,
        serverEndpoint: p.clientEndpoint,
      },
      deployment,
    };
  };
  const stores = createMemoryStores();
  const box = createSecretBox(Buffer.from(WORLD_KEY_HEX, "hex"));
  // Setup is the chat's part; it runs unthrottled here and is not what a run is measured on.
  const limiter = createMemoryLimiter({
    policy: policies.bitrix24Box({ ratePerSec: 1e6, burst: 1e6 }),
  });
  const side = (index: 0 | 1) => ({
    system: "bitrix24" as const,
    settings: settings(index),
    connector: createBitrix24Connector(settings(index), { limiter, allowedHosts }),
  });
  const prepared = await prepareMigration({
    stores,
    box,
    source: side(0),
    target: side(1),
    entities: options.entities ?? WORLD_ENTITIES,
    chat: { channel: "console", chatId: "operator" },
    timeZone: "Europe/Moscow",
  });
  sandbox.resetStats();
  if (options.faults) sandbox.setFaults(options.faults);
  let server: StoreServer | null = null;
  if (options.serve === true) server = await startStoreServer(stores);
  return {
    sandbox,
    stores,
    storeUrl: server?.url ?? null,
    box,
    allowedHosts,
    timeScale,
    migration: prepared.migration,
    mapping: prepared.inspection.mapping,
    prepared,
    settings,
    close: async () => {
      await server?.close();
      await sandbox.close();
    },
  };
}
