/**
 * The connector port over the in-memory CRM: pages in ascending id with an id
 * cursor, batched writes with one outcome per record, origin stamps for
 * recovery, list items and custom fields matched by label. Every call counts
 * as the requests the real service would need (one per page, one per write
 * batch), so engine tests can assert on request budgets, and injected faults
 * make crash and auth paths reproducible.
 */
import type { CanonicalRecord, EntityKind, TargetRecord } from "../../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema, UserSummary } from "../../model/schema.js";
import type {
  ConnectionCheck,
  Connector,
  CostModel,
  FieldSpec,
  OriginStamp,
  ReadOptions,
  ReadPage,
  RemoveOutcome,
  SystemId,
  WriteOutcome,
} from "../connector.js";
import { MemoryFaults, type MemoryOperation } from "./faults.js";
import { compareIds, MemoryCrm, type StoredRecord } from "./memory-crm.js";
import {
  chunk,
  findStamped,
  removeRecord,
  selectRecords,
  toCanonical,
  writeRecord,
} from "./records.js";
import { defaultSchemas, defaultUsers } from "./schemas.js";
import { MemoryStats } from "./stats.js";

export interface MemoryConnectorOptions {
  /** Which system it pretends to be; default "bitrix24". */
  system?: SystemId;
  /** Portal host shown to users and in links; default "memory.bitrix24.test". */
  accountName?: string;
  schemas?: Partial<Record<EntityKind, EntitySchema>>;
  users?: readonly UserSummary[];
  /** Records per read request; default 50. */
  pageSize?: number;
  /** Records per write request; default 50 (a Bitrix24 batch). */
  writeBatchSize?: number;
  /** Documented rate for estimates; default 2/s with a burst of 50 (Bitrix24 cloud). */
  requestsPerSecond?: number;
  burst?: number;
  now?: () => Date;
}

const SINGULAR: Partial<Record<EntityKind, string>> = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
};

export class MemoryConnector implements Connector {
  readonly system: SystemId;
  readonly costModel: CostModel;
  readonly crm: MemoryCrm;
  readonly faults = new MemoryFaults();
  readonly stats = new MemoryStats();
  readonly #accountName: string;

  constructor(options: MemoryConnectorOptions = {}) {
    this.system = options.system ?? "bitrix24";
    this.#accountName = options.accountName ?? "memory.bitrix24.test";
    this.crm = new MemoryCrm(
      options.schemas ?? defaultSchemas(),
      options.users ?? defaultUsers(),
      options.now ?? (() => new Date()),
    );
    this.costModel = {
      readRecordsPerRequest: options.pageSize ?? 50,
      writeRecordsPerRequest: options.writeBatchSize ?? 50,
      requestsPerSecond: options.requestsPerSecond ?? 2,
      burst: options.burst ?? 50,
    };
  }

  get entities(): readonly EntityKind[] {
    return this.crm.entities;
  }

  async check(signal?: AbortSignal): Promise<ConnectionCheck> {
    return this.#request("check", signal, () => {
      const admin = this.crm.users[0];
      return {
        system: this.system,
        accountName: this.#accountName,
        accountId: `member-${this.#accountName}`,
        deployment: "cloud",
        user: {
          id: admin?.id ?? "1",
          name: admin?.name ?? "Admin",
          email: admin?.email ?? null,
          isAdmin: true,
        },
        scopes: ["crm", "user"],
        missingScopes: [],
      };
    });
  }

  async describe(entity: EntityKind, signal?: AbortSignal): Promise<EntitySchema> {
    return this.#request("describe", signal, () => this.crm.schema(entity));
  }

  async count(
    entity: EntityKind,
    options: { changedSince?: string; signal?: AbortSignal } = {},
  ): Promise<number> {
    return this.#request(
      "count",
      options.signal,
      () => selectRecords(this.crm, entity, null, options.changedSince).length,
    );
  }

  async *read(entity: EntityKind, options: ReadOptions): AsyncGenerator<ReadPage> {
    let after = options.cursor;
    const size = this.costModel.readRecordsPerRequest;
    for (;;) {
      const from = after;
      const rows = await this.#request("read", options.signal, () =>
        selectRecords(this.crm, entity, from, options.changedSince).slice(0, size),
      );
      const last = rows.at(-1);
      if (!last) return;
      after = last.id;
      yield { records: rows.map((r) => toCanonical(entity, r)), cursor: last.id };
      if (rows.length < size) return;
    }
  }

  async readByIds(
    entity: EntityKind,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<CanonicalRecord[]> {
    const found: StoredRecord[] = [];
    for (const part of chunk([...new Set(ids)], this.costModel.readRecordsPerRequest)) {
      const rows = await this.#request("readByIds", signal, () =>
        part.flatMap((id) => this.crm.get(entity, id) ?? []),
      );
      found.push(...rows);
    }
    return found.sort((a, b) => compareIds(a.id, b.id)).map((r) => toCanonical(entity, r));
  }

  async write(
    entity: EntityKind,
    records: readonly TargetRecord[],
    origin: OriginStamp,
    signal?: AbortSignal,
  ): Promise<WriteOutcome[]> {
    const outcomes: WriteOutcome[] = [];
    for (const part of chunk(records, this.costModel.writeRecordsPerRequest)) {
      outcomes.push(
        ...(await this.#request("write", signal, () =>
          part.map((r) => writeRecord(this.crm, entity, r, origin)),
        )),
      );
    }
    return outcomes;
  }

  async ensureFields(
    entity: EntityKind,
    specs: readonly FieldSpec[],
    signal?: AbortSignal,
  ): Promise<FieldSchema[]> {
    const results = await this.#request("ensureFields", signal, () =>
      specs.map((s) => this.crm.ensureField(entity, s)),
    );
    this.stats.add("ensureFields", results.filter((r) => r.created).length);
    return results.map((r) => r.field);
  }

  async ensureItems(
    entity: EntityKind,
    fieldCode: string,
    items: ReadonlyArray<{ label: string; group?: string; semantics?: EnumItem["semantics"] }>,
    signal?: AbortSignal,
  ): Promise<EnumItem[]> {
    const results = await this.#request("ensureItems", signal, () =>
      items.map((i) => this.crm.ensureItem(entity, fieldCode, i)),
    );
    this.stats.add("ensureItems", results.filter((r) => r.created).length);
    return results.map((r) => r.item);
  }

  async findByOrigin(
    entity: EntityKind,
    sourceIds: readonly string[],
    origin: OriginStamp,
    signal?: AbortSignal,
  ): Promise<Map<string, string>> {
    const found = new Map<string, string>();
    for (const part of chunk([...new Set(sourceIds)], this.costModel.readRecordsPerRequest)) {
      const rows = await this.#request("findByOrigin", signal, () =>
        findStamped(this.crm, entity, part, origin.tag),
      );
      for (const [sourceId, targetId] of rows)
        if (!found.has(sourceId)) found.set(sourceId, targetId);
    }
    return found;
  }

  async remove(
    entity: EntityKind,
    targetIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<RemoveOutcome[]> {
    const outcomes: RemoveOutcome[] = [];
    for (const part of chunk(targetIds, this.costModel.writeRecordsPerRequest)) {
      const done = await this.#request("remove", signal, () =>
        part.map((targetId) => removeRecord(this.crm, entity, targetId)),
      );
      outcomes.push(...done);
    }
    return outcomes;
  }

  async listUsers(signal?: AbortSignal): Promise<UserSummary[]> {
    return this.#request("listUsers", signal, () => this.crm.users);
  }

  recordUrl(entity: EntityKind, targetId: string): string | null {
    const singular = SINGULAR[entity];
    return singular
      ? `https://${this.#accountName}/crm/${singular}/details/${encodeURIComponent(targetId)}/`
      : null;
  }

  /** One request: aborted, revoked or failing as the fault plan says, counted either way. */
  async #request<T>(
    operation: MemoryOperation,
    signal: AbortSignal | undefined,
    run: () => T,
  ): Promise<T> {
    signal?.throwIfAborted();
    this.stats.add(operation);
    const verdict = this.faults.verdict(operation);
    if (verdict.before) throw verdict.before;
    const result = run();
    if (verdict.after) throw verdict.after;
    return result;
  }
}

/** An in-memory CRM behind the connector port; see `MemoryConnector` for the test handles. */
export function createMemoryConnector(options: MemoryConnectorOptions = {}): MemoryConnector {
  return new MemoryConnector(options);
}
