/**
 * `prepareMigration`: the setup of DESIGN.md §1 steps 1–4 as one use case for
 * the CLI, the benchmark and the tests — inspect both portals (credentials,
 * scopes, schemas, users), take the proposed mapping or check the given one,
 * then store the customer, both connections (settings sealed with the secret
 * box) and the migration with its mapping.
 *
 * Everything that can refuse happens before the first write to the state, so a
 * refusal changes nothing anywhere. The chat has its own step-by-step version of
 * this (bot/services/connections.ts, planning.ts, on the same `describePortals`
 * and `proposeFor`), because it asks the user between the steps; this one takes
 * every answer at once.
 */
import type { Connector } from "../connectors/connector.js";
import type { Mapping } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { SecretBox } from "../security/secret-box.js";
import type {
  ChatRef,
  Connection,
  CrmSystem,
  Customer,
  Language,
  Migration,
  Stores,
} from "../store/index.js";
import { inspectPortals, type Inspection, type Side } from "./inspect-portals.js";

/** One side of the migration as the caller built it. */
export interface ConnectionInput {
  system: CrmSystem;
  /**
   * The connector's settings as plain JSON, secret included (for Bitrix24 the
   * `Bitrix24ConfigInput` with the webhook URL as a string): sealed before storing,
   * and what `createConnectorOpener` opens again.
   */
  settings: unknown;
  /** A connector built from `settings` (the caller chooses limiter, allowed hosts, meter). */
  connector: Connector;
}

export interface PrepareMigrationInput {
  stores: Pick<Stores, "customers" | "connections" | "migrations">;
  box: SecretBox;
  source: ConnectionInput;
  target: ConnectionInput;
  entities: readonly EntityKind[];
  /** A mapping from a file (parsed with `parseMappingFile`); proposed when absent. */
  mapping?: Mapping;
  /** The chat (or operator console) the migration belongs to; its customer is created on first use. */
  chat: ChatRef;
  language?: Language;
  /** IANA zone naive source times are read in and target times written in. */
  timeZone: string;
  signal?: AbortSignal;
}

export interface PreparedMigration {
  customer: Customer;
  connections: Record<Side, Connection>;
  migration: Migration;
  inspection: Inspection;
}

/** See the module comment; throws the `PereezdError` of the first refusal. */
export async function prepareMigration(input: PrepareMigrationInput): Promise<PreparedMigration> {
  const inspection = await inspectPortals({
    source: input.source.connector,
    target: input.target.connector,
    entities: input.entities,
    ...(input.mapping ? { mapping: input.mapping } : {}),
    timeZone: input.timeZone,
    ...(input.signal ? { signal: input.signal } : {}),
  });
  const { stores } = input;
  const customer = await stores.customers.upsertByChat(
    input.chat.channel,
    input.chat.chatId,
    input.language ? { language: input.language } : {},
  );
  const store = (side: Side) => {
    const { system, settings } = input[side];
    const check = inspection.checks[side];
    return stores.connections.create({
      customerId: customer.id,
      system,
      label: check.accountName.slice(0, 256),
      secret: input.box.sealJson(settings),
      meta: {
        portal: check.accountName,
        accountKey: `${system}:${check.accountId ?? check.accountName}`,
        deployment: check.deployment,
        scopes: check.scopes,
        user: { id: check.user.id, name: check.user.name, isAdmin: check.user.isAdmin },
      },
    });
  };
  const connections = { source: await store("source"), target: await store("target") };
  const migration = await stores.migrations.create({
    customerId: customer.id,
    chat: input.chat,
    sourceConnectionId: connections.source.id,
    targetConnectionId: connections.target.id,
    route: `${input.source.system}->${input.target.system}`,
    entities: inspection.entities,
    mapping: inspection.mapping,
  });
  return { customer, connections, migration, inspection };
}
