/**
 * The connector contract fixture over the in-memory CRM: seeding and reading
 * back go straight to its data, as the Bitrix24 fixture goes to the sandbox.
 */
import type { ConnectorFixture } from "../contract/fixture.js";
import { createMemoryConnector, type MemoryConnectorOptions } from "./memory-connector.js";

/** A fresh memory connector (small pages, so paging is exercised) with its back door. */
export function memoryContractFixture(options: MemoryConnectorOptions = {}): ConnectorFixture {
  const connector = createMemoryConnector({ pageSize: 3, writeBatchSize: 4, ...options });
  return {
    connector,
    seed: async (entity, records) => connector.crm.seed(entity, records),
    readBack: async (entity) =>
      connector.crm.list(entity).map(({ id, fields, origin }) => ({ id, fields, origin })),
  };
}
