/**
 * A small world for engine tests and demos: two in-memory CRMs (a source
 * full of linked companies, contacts, leads and deals; an empty target whose
 * list items and ids differ), memory stores, a migration with the mapping the
 * proposal makes for them, and a clock. Not imported by production code.
 */
import {
  createMemoryConnector,
  type MemoryConnector,
  type StoredRecord,
} from "../connectors/memory/index.js";
import { proposeMapping, type Mapping } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import { createMemoryStores } from "../store/memory/memory-stores.js";
import type { Migration } from "../store/ports/index.js";
import type { Stores } from "../store/stores.js";
import type { EngineEvent } from "./events.js";
import type { ProgressSnapshot } from "./progress.js";
import {
  seedSource,
  sourceSchemas,
  sourceUsers,
  targetSchemas,
  type WorldIds,
} from "./test-world-data.js";
import type { EngineInput } from "./types.js";

export const WORLD_ENTITIES = [
  "companies",
  "contacts",
  "leads",
  "deals",
] as const satisfies readonly EntityKind[];

export interface WorldOptions {
  pageSize?: number;
  writeBatchSize?: number;
  /** Adds a deal without a title (fails the target's required TITLE) and a contact with a bad e-mail. */
  withBadRecords?: boolean;
  entities?: readonly EntityKind[];
}

export interface World {
  source: MemoryConnector;
  target: MemoryConnector;
  stores: Stores;
  migration: Migration;
  mapping: Mapping;
  /** Source ids by entity, in creation order. */
  ids: WorldIds;
  events: EngineEvent[];
  snapshots: ProgressSnapshot[];
  clock: { now(): Date; advance(ms: number): void };
  /** Engine input for the migration as stored now. */
  input(overrides?: Partial<EngineInput>): Promise<EngineInput>;
  /** Target records of an entity by the source id in their origin stamp. */
  targetBySource(entity: EntityKind): Map<string, StoredRecord>;
}

/** When the source data was last changed; the world's clock starts a month later. */
export const SEEDED_AT = "2025-02-01T09:00:00.000Z";

export async function createWorld(options: WorldOptions = {}): Promise<World> {
  let now = new Date(SEEDED_AT);
  const clock = {
    now: () => new Date(now),
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
  const sizes = {
    pageSize: options.pageSize ?? 2,
    writeBatchSize: options.writeBatchSize ?? 2,
    now: clock.now,
  };
  const source = createMemoryConnector({
    ...sizes,
    accountName: "old.bitrix24.test",
    schemas: sourceSchemas(),
    users: sourceUsers,
  });
  const target = createMemoryConnector({
    ...sizes,
    accountName: "new.bitrix24.test",
    schemas: targetSchemas(),
  });
  const ids = seedSource(source, options.withBadRecords ?? false);
  clock.advance(28 * 24 * 3600 * 1000);
  const stores = createMemoryStores({ now: clock.now });
  const entities = [...(options.entities ?? WORLD_ENTITIES)];
  const proposal = proposeMapping({
    entities: entities.map((entity) => ({
      entity,
      source: source.crm.schema(entity),
      target: target.crm.schema(entity),
    })),
    timeZones: { source: "Europe/Moscow", target: "Europe/Moscow" },
    sourceUsers,
    targetUsers: target.crm.users,
    adminUserIds: ["1"],
  });
  const secret = { v: 1 as const, iv: "aXY=", tag: "dGFn", data: "ZGF0YQ==" };
  const sourceConnection = await stores.connections.create({
    customerId: "cust-1",
    system: "bitrix24",
    label: "old.bitrix24.test",
    secret,
  });
  const targetConnection = await stores.connections.create({
    customerId: "cust-1",
    system: "bitrix24",
    label: "new.bitrix24.test",
    secret,
  });
  const migration = await stores.migrations.create({
    customerId: "cust-1",
    chat: { channel: "telegram", chatId: "42" },
    sourceConnectionId: sourceConnection.id,
    targetConnectionId: targetConnection.id,
    route: "bitrix24->bitrix24",
    entities,
    mapping: proposal.mapping,
  });
  const events: EngineEvent[] = [];
  const snapshots: ProgressSnapshot[] = [];
  return {
    source,
    target,
    stores,
    migration,
    mapping: proposal.mapping,
    ids,
    events,
    snapshots,
    clock,
    async input(overrides = {}) {
      const stored = await stores.migrations.getById(migration.id);
      return {
        migration: stored ?? migration,
        source,
        target,
        stores,
        signal: new AbortController().signal,
        now: clock.now,
        onEvent: (e) => events.push(e),
        onProgress: (s) => snapshots.push(s),
        requestStats: () => ({ source: source.stats.requests, target: target.stats.requests }),
        ...overrides,
      };
    },
    targetBySource(entity) {
      return new Map(
        target.crm.list(entity).flatMap((r) => (r.origin ? [[r.origin.sourceId, r] as const] : [])),
      );
    },
  };
}

/** Source ids migrated more than once, or whose target record lacks the origin stamp: should be empty. */
export function duplicates(world: World, entity: EntityKind): string[] {
  const seen = new Map<string, number>();
  for (const r of world.target.crm.list(entity)) {
    const key = r.origin?.sourceId ?? `no-origin:${r.id}`;
    seen.set(key, (seen.get(key) ?? 0) + 1);
  }
  return [...seen].filter(([key, n]) => n > 1 || key.startsWith("no-origin:")).map(([key]) => key);
}

/**
 * Links in the target that do not point where the source's do: each link of
 * each migrated record must lead to the target copy of the linked source
 * record, or be absent when that record was not migrated. Should be empty.
 */
export function linkMismatches(
  world: World,
  entities: readonly EntityKind[] = WORLD_ENTITIES,
): string[] {
  const problems: string[] = [];
  for (const entity of entities) {
    const refs = world.source.crm
      .schema(entity)
      .fields.filter((f) => f.type === "entity_ref" && f.refEntity);
    const copies = world.targetBySource(entity);
    for (const record of world.source.crm.list(entity)) {
      const copy = copies.get(record.id);
      if (!copy) continue;
      for (const ref of refs) {
        const raw = record.fields[ref.code];
        const sourceIds = (
          Array.isArray(raw) ? raw : raw === null || raw === undefined ? [] : [raw]
        ).map(String);
        const linked = ref.refEntity
          ? world.targetBySource(ref.refEntity)
          : new Map<string, StoredRecord>();
        const expected = sourceIds.flatMap((id) => linked.get(id)?.id ?? []);
        const actualRaw = copy.fields[ref.code];
        const actual = (
          Array.isArray(actualRaw)
            ? actualRaw
            : actualRaw === null || actualRaw === undefined
              ? []
              : [actualRaw]
        ).map(String);
        if (JSON.stringify(actual) !== JSON.stringify(expected)) {
          problems.push(
            `${entity} ${record.id}.${ref.code}: expected [${expected.join(",")}], got [${actual.join(",")}]`,
          );
        }
      }
    }
  }
  return problems;
}
