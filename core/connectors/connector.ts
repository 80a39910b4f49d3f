/**
 * The port every CRM connector implements (DESIGN.md §3 "Connector").
 * The engine only ever talks to this interface; each system lives in its own
 * folder (`bitrix24/`, later `amocrm/`, `jira/`, `gsheets/`) with the same files.
 */
import type { ErrorKind } from "../errors.js";
import type { CanonicalRecord, EntityKind, FieldType, TargetRecord } from "../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema, UserSummary } from "../model/schema.js";

export type SystemId = "bitrix24" | "amocrm" | "jira" | "gsheets";

/** What `check()` learned about the credentials, shown to the user at once. */
export interface ConnectionCheck {
  system: SystemId;
  /** Human name of the account, e.g. the portal host `acme.bitrix24.ru`. */
  accountName: string;
  /** Stable account id (Bitrix24 `member_id`, amoCRM account id...), when known. */
  accountId: string | null;
  deployment: "cloud" | "on_premise";
  user: { id: string; name: string; email: string | null; isAdmin: boolean };
  scopes: string[];
  /** Scopes the migration needs that the credentials lack. */
  missingScopes: string[];
}

/** How many requests what costs, for estimates and the benchmark's "theoretical minimum". */
export interface CostModel {
  /** Records one read request returns at most (Bitrix24: 50 lists of 50 in one batch = 2,500). */
  readRecordsPerRequest: number;
  /** Records one write request carries at most (Bitrix24 batch: 50). */
  writeRecordsPerRequest: number;
  /** The documented sustained request rate and burst of the account. */
  requestsPerSecond: number;
  burst: number;
}

export interface ReadOptions {
  /** Resume after this cursor (from a checkpoint); null = from the beginning. */
  cursor: string | null;
  /** Delta runs: only records changed at or after this ISO-8601 time. */
  changedSince?: string;
  signal?: AbortSignal;
}

export interface ReadPage {
  records: CanonicalRecord[];
  /** Cursor after the last record of this page; store it to resume. */
  cursor: string | null;
}

/** What to stamp on created records so a crashed run can find them (ORIGINATOR_ID / ORIGIN_ID). */
export interface OriginStamp {
  /** Identifies the migration in the target, e.g. `pereezd:<migrationId>`. */
  tag: string;
}

export type WriteOutcome =
  | { sourceId: string; ok: true; targetId: string; created: boolean }
  | {
      sourceId: string;
      ok: false;
      error: { kind: ErrorKind; code?: string; message: string; path?: string };
    };

export type RemoveOutcome =
  | { targetId: string; ok: true }
  | { targetId: string; ok: false; error: { kind: ErrorKind; code?: string; message: string } };

/** A custom field to create in the target. */
export interface FieldSpec {
  label: string;
  type: FieldType;
  multiple: boolean;
  /** For enum fields: the item labels to create with it. */
  items?: string[];
  /** For entity_ref fields: which entity the new field points to (Bitrix24 `crm` field settings). */
  refEntity?: EntityKind;
}

export interface Connector {
  readonly system: SystemId;
  readonly costModel: CostModel;
  /** Entities this connector can read and write. */
  readonly entities: readonly EntityKind[];

  /** Checks the credentials live: account name, user, scopes. Throws `auth` on a wrong secret. */
  check(signal?: AbortSignal): Promise<ConnectionCheck>;
  /** Fields of an entity with types and list items (pipelines and stages included for deals). */
  describe(entity: EntityKind, signal?: AbortSignal): Promise<EntitySchema>;
  /** How many records of `entity` exist (changed since, for delta). A few requests at most. */
  count(
    entity: EntityKind,
    options?: { changedSince?: string; signal?: AbortSignal },
  ): Promise<number>;
  /** Pages of records in a stable order (ascending id), resumable from `cursor`. */
  read(entity: EntityKind, options: ReadOptions): AsyncGenerator<ReadPage>;
  /** Reads specific records (the pilot brings along what its sample references). */
  readByIds(
    entity: EntityKind,
    ids: readonly string[],
    signal?: AbortSignal,
  ): Promise<CanonicalRecord[]>;
  /** Creates (or updates, when `targetId` is set) records in batches; one outcome per record, in order. */
  write(
    entity: EntityKind,
    records: readonly TargetRecord[],
    origin: OriginStamp,
    signal?: AbortSignal,
  ): Promise<WriteOutcome[]>;
  /** Creates missing custom fields; returns their schemas in the order given. */
  ensureFields(
    entity: EntityKind,
    specs: readonly FieldSpec[],
    signal?: AbortSignal,
  ): Promise<FieldSchema[]>;
  /**
   * Adds list items (enum items, pipelines, stages) that do not exist yet, matched by label;
   * returns the items for all `labels` in order. `group` = the pipeline id for stages.
   */
  ensureItems(
    entity: EntityKind,
    fieldCode: string,
    items: ReadonlyArray<{ label: string; group?: string; semantics?: EnumItem["semantics"] }>,
    signal?: AbortSignal,
  ): Promise<EnumItem[]>;
  /** Target ids of records created earlier with this origin tag, by source id. */
  findByOrigin(
    entity: EntityKind,
    sourceIds: readonly string[],
    origin: OriginStamp,
    signal?: AbortSignal,
  ): Promise<Map<string, string>>;
  /** Deletes records (rollback). */
  remove(
    entity: EntityKind,
    targetIds: readonly string[],
    signal?: AbortSignal,
  ): Promise<RemoveOutcome[]>;
  /** Users of the account, for matching responsible users by e-mail. */
  listUsers(signal?: AbortSignal): Promise<UserSummary[]>;
  /** A link a person can open to see the record, or null. */
  recordUrl(entity: EntityKind, targetId: string): string | null;
}
