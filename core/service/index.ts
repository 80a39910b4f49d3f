/**
 * `core/service`: framework-free use cases shared by the CLI, the benchmark and
 * the tests; the chat's step-by-step ones in `bot/services/` build on the same
 * pieces (`describePortals`, `proposeFor`).
 * The only public surface of the folder.
 */
export { describePortals, proposeFor } from "./describe-portals.js";
export type { PortalSchemas } from "./describe-portals.js";
export { checkBoth, checkEntities, inspectPortals } from "./inspect-portals.js";
export type { InspectInput, Inspection, Side } from "./inspect-portals.js";
export { prepareMigration } from "./prepare-migration.js";
export type {
  ConnectionInput,
  PrepareMigrationInput,
  PreparedMigration,
} from "./prepare-migration.js";
export { bitrix24Host, createConnectorOpener, createPolicyRegistry } from "./connector-opener.js";
export type { ConnectorOpenerDeps, OpenConnector, PolicyRegistry } from "./connector-opener.js";
export { replaceCredentials } from "./replace-credentials.js";
export type { ReplaceCredentialsInput } from "./replace-credentials.js";
