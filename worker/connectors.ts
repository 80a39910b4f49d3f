/**
 * Stored connections → connectors, in the worker. The opener and the per-portal
 * policy registry live in `core/service/connector-opener.ts` (shared with the CLI
 * and the benchmark); this module keeps the worker's import path.
 */
export { createConnectorOpener, createPolicyRegistry } from "../core/service/connector-opener.js";
export type {
  ConnectorOpenerDeps,
  OpenConnector,
  PolicyRegistry,
} from "../core/service/connector-opener.js";
