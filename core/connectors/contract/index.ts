/** The connector contract: the suite every connector runs, and the fixture it needs. */
export { runConnectorContract, compareContractIds } from "./run-connector-contract.js";
export { DEFAULT_CONTRACT_PROFILE } from "./fixture.js";
export type {
  ConnectorFixture,
  ContractProfile,
  ContractSeedRecord,
  ContractStoredRecord,
  MakeConnectorFixture,
} from "./fixture.js";
