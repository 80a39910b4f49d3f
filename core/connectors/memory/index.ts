/**
 * The in-memory connector: a faithful fake CRM behind the connector port, for
 * engine tests, the connector contract suite and the demo of later flows.
 * The only public surface of the folder.
 */
export { createMemoryConnector, MemoryConnector } from "./memory-connector.js";
export { MemoryStats } from "./stats.js";
export type { MemoryConnectorOptions } from "./memory-connector.js";
export { MemoryCrm, compareIds } from "./memory-crm.js";
export type { OriginMark, SeedRecord, StoredRecord } from "./memory-crm.js";
export { MemoryFaults } from "./faults.js";
export type { FaultOptions, MemoryOperation } from "./faults.js";
export { defaultSchemas, defaultUsers, field } from "./schemas.js";
export { memoryContractFixture } from "./contract-fixture.js";
