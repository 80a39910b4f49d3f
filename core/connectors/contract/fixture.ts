/**
 * What a connector hands the contract suite: the connector under test plus a
 * back door to its system (seed records without the connector, read back what
 * the system stores). The memory connector implements it over its data; the
 * Bitrix24 connector over the sandbox portal. Kept free of vitest so a
 * fixture can live next to the connector it serves.
 */
import type { EntityKind, FieldValue } from "../../model/canonical.js";
import type { Connector } from "../connector.js";

/** A record put straight into the system, in the system's field codes. */
export interface ContractSeedRecord {
  fields: Record<string, FieldValue>;
  /** ISO-8601 last change; the delta test seeds old and new records. */
  updatedAt?: string;
}

/** A record as the system stores it, origin stamp included (Bitrix24: ORIGINATOR_ID / ORIGIN_ID). */
export interface ContractStoredRecord {
  id: string;
  fields: Record<string, FieldValue>;
  origin: { tag: string; sourceId: string } | null;
}

export interface ConnectorFixture {
  connector: Connector;
  /** Creates records bypassing the connector; returns their ids in order. */
  seed(entity: EntityKind, records: readonly ContractSeedRecord[]): Promise<string[]>;
  /** Every record of the entity as the system stores it. */
  readBack(entity: EntityKind): Promise<ContractStoredRecord[]>;
  /** Releases the fixture (stops a sandbox server...). */
  close?(): Promise<void>;
}

/** What the suite needs to know about the system's data model. */
export interface ContractProfile {
  /** The entity the suite works on; default "companies". */
  entity: EntityKind;
  /** A required text field of it; a record without it must be refused. Default "TITLE". */
  titleField: string;
  /** Records seeded for the paging tests: make it span several pages. Default 7. */
  readCount: number;
  /** Pages `readCount` records must span at least; default 2. */
  minPages: number;
}

export const DEFAULT_CONTRACT_PROFILE: ContractProfile = {
  entity: "companies",
  titleField: "TITLE",
  readCount: 7,
  minPages: 2,
};

export type MakeConnectorFixture = () => ConnectorFixture | Promise<ConnectorFixture>;
