/**
 * Test helpers: the Bitrix24 sandbox started in-process with time-scaled limits,
 * a limiter scaled the same way, and connectors wired to it. Tests and the contract
 * fixture only; production code never imports the sandbox.
 */
import {
  startBitrix24Sandbox,
  type Bitrix24Sandbox,
  type SandboxPortal,
} from "../../../../sandbox/bitrix24/index.js";
import type { Bitrix24SandboxOptions } from "../../../../sandbox/bitrix24/index.js";
import { addCrmRecord } from "../../../../sandbox/bitrix24/data/crm-write.js";
import type { CrmKind } from "../../../../sandbox/bitrix24/data/types.js";
import type { CallUsage } from "../../../metering/call-usage.js";
import type { EntityKind, FieldValue } from "../../../model/canonical.js";
import { createMemoryLimiter } from "../../../ratelimit/memory-limiter.js";
import { policies, scalePolicy, type LimitPolicy } from "../../../ratelimit/policies.js";
import type { PortalLimiter } from "../../../ratelimit/portal-limiter.js";
import type {
  ConnectorFixture,
  ContractSeedRecord,
  ContractStoredRecord,
} from "../../contract/fixture.js";
import { createBitrix24Connector, type Bitrix24Connector, type Bitrix24Deps } from "../index.js";
import type { Bitrix24ConfigInput } from "../config.js";

/** Limits run this many times faster than the real service, in the sandbox and our limiter alike. */
export const TIME_SCALE = 50;

/**
 * The cloud policy at `TIME_SCALE`. The sandbox scales windows but keeps operating
 * *costs* in simulated seconds, while `scalePolicy` also divides the operating
 * limit; so the operating limit is kept at 480 simulated seconds here.
 */
export function scaledCloudPolicy(timeScale = TIME_SCALE): LimitPolicy {
  const scaled = scalePolicy(policies.bitrix24Cloud, timeScale);
  const operating = policies.bitrix24Cloud.operating;
  return operating === undefined
    ? scaled
    : {
        ...scaled,
        operating: {
          ...operating,
          windowSec: operating.windowSec / timeScale,
          resetSlackSec: operating.resetSlackSec / timeScale,
        },
      };
}

export interface Harness {
  sandbox: Bitrix24Sandbox;
  portal: SandboxPortal;
  host: string;
  limiter: PortalLimiter;
  usage: CallUsage[];
  connect(options?: {
    url?: string;
    deps?: Partial<Bitrix24Deps>;
    config?: Partial<Bitrix24ConfigInput>;
  }): Bitrix24Connector;
  close(): Promise<void>;
}

/** A sandbox at `timeScale` (limits on, `TIME_SCALE` by default) and a limiter scaled alike. */
export async function startHarness(
  options: Bitrix24SandboxOptions = {},
  timeScale = TIME_SCALE,
): Promise<Harness> {
  const sandbox = await startBitrix24Sandbox({
    timeScale,
    limits: { timeScale },
    ...options,
  });
  const portal = sandbox.portal();
  const host = new URL(portal.baseUrl).host;
  const limiter = createMemoryLimiter({ policy: scaledCloudPolicy(timeScale) });
  const usage: CallUsage[] = [];
  return {
    sandbox,
    portal,
    host,
    limiter,
    usage,
    connect: ({ url, deps, config } = {}) =>
      createBitrix24Connector(
        { auth: { mode: "webhook", url: url ?? portal.webhookUrl }, ...config },
        {
          limiter,
          allowedHosts: [host],
          meter: { record: (u) => void usage.push(u) },
          retry: { baseMs: 5, capMs: 50 },
          ...deps,
        },
      ),
    close: () => sandbox.close(),
  };
}

const KINDS: Readonly<Partial<Record<EntityKind, CrmKind>>> = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
};

export function kindOf(entity: EntityKind): CrmKind {
  const kind = KINDS[entity];
  if (kind === undefined) throw new Error(`not a CRM entity: ${entity}`);
  return kind;
}

/** Creates records straight in the portal's data, bypassing the API. */
export function seedRecords(
  portal: SandboxPortal,
  entity: EntityKind,
  records: readonly ContractSeedRecord[],
): string[] {
  const { data, timeZone } = portal.portal;
  return records.map((record) => {
    const fields: Record<string, unknown> = { ...record.fields };
    if (record.updatedAt !== undefined) fields["DATE_MODIFY"] = record.updatedAt;
    const row = addCrmRecord({
      data,
      kind: kindOf(entity),
      userId: 1,
      timeZone,
      fields,
      history: record.updatedAt !== undefined,
    });
    return String(row.id);
  });
}

/** Every record of an entity as the portal stores it. */
export function storedRecords(portal: SandboxPortal, entity: EntityKind): ContractStoredRecord[] {
  return portal.portal.data.crm[kindOf(entity)].rows.map((row) => {
    const fields: Record<string, FieldValue> = {};
    for (const [code, value] of Object.entries(row.f)) {
      fields[code] = Array.isArray(value)
        ? (value as Array<string | number>).map(String)
        : (value as FieldValue);
    }
    const tag = row.f["ORIGINATOR_ID"];
    const sourceId = row.f["ORIGIN_ID"];
    const origin =
      typeof tag === "string" && tag !== "" ? { tag, sourceId: String(sourceId ?? "") } : null;
    return { id: String(row.id), fields, origin };
  });
}

/** The contract suite's fixture: a fresh sandbox portal per test. */
export async function contractFixture(): Promise<ConnectorFixture> {
  const harness = await startHarness();
  return {
    connector: harness.connect(),
    seed: async (entity, records) => seedRecords(harness.portal, entity, records),
    readBack: async (entity) => storedRecords(harness.portal, entity),
    close: () => harness.close(),
  };
}
