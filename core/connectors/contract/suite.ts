/**
 * What every case of the connector contract shares: the fixture of the
 * current test, the profile, and small helpers to read everything and to
 * create titled records.
 */
import type { ReadOptions, WriteOutcome } from "../connector.js";
import type { ConnectorFixture, ContractProfile } from "./fixture.js";

export interface ContractSuite {
  /** The fixture of the running test (a fresh one per test). */
  fx(): ConnectorFixture;
  profile: ContractProfile;
  /** Fields of a record with this title. */
  titled(title: string): Record<string, string>;
  /** Every page of the profile's entity: ids and cursor per page. */
  readAll(options?: Partial<ReadOptions>): Promise<Array<{ ids: string[]; cursor: string | null }>>;
  /** Writes titled records with source ids s1, s2...; returns the outcomes. */
  create(titles: string[], tag?: string): Promise<WriteOutcome[]>;
  /** Target ids of successful outcomes; throws on a failed one. */
  createdIds(outcomes: readonly WriteOutcome[]): string[];
}

const isNumeric = (id: string) => /^\d+$/.test(id);

/** Ascending id order: numerically when both ids are numbers, else as text. */
export function compareContractIds(a: string, b: string): number {
  if (isNumeric(a) && isNumeric(b)) {
    const d = BigInt(a) - BigInt(b);
    return d > 0n ? 1 : d < 0n ? -1 : 0;
  }
  return a < b ? -1 : a > b ? 1 : 0;
}

export function contractSuite(fx: () => ConnectorFixture, profile: ContractProfile): ContractSuite {
  const { entity, titleField } = profile;
  const titled = (title: string) => ({ [titleField]: title });
  return {
    fx,
    profile,
    titled,
    async readAll(options = {}) {
      const pages: Array<{ ids: string[]; cursor: string | null }> = [];
      for await (const page of fx().connector.read(entity, { cursor: null, ...options })) {
        pages.push({ ids: page.records.map((r) => r.id), cursor: page.cursor });
      }
      return pages;
    },
    async create(titles, tag = "pereezd:contract") {
      const records = titles.map((title, i) => ({ sourceId: `s${i + 1}`, fields: titled(title) }));
      return fx().connector.write(entity, records, { tag });
    },
    createdIds(outcomes) {
      return outcomes.map((o) => {
        if (!o.ok) throw new Error(`write failed: ${o.error.message}`);
        return o.targetId;
      });
    },
  };
}
