/**
 * The behaviour every connector must show, as one vitest suite run against
 * each implementation (STYLE.md "Tests": hono runs one router suite against
 * every router). The engine relies on exactly these promises: ascending ids and
 * an exact cursor (no gap, no duplicate after a resume), origin stamps that
 * `findByOrigin` finds (exactly-once after a crash), per-record failures that
 * do not fail the batch, idempotent setup calls, per-record removal outcomes.
 */
import { afterEach, beforeEach, describe } from "vitest";
import {
  DEFAULT_CONTRACT_PROFILE,
  type ConnectorFixture,
  type ContractProfile,
  type MakeConnectorFixture,
} from "./fixture.js";
import { readCases } from "./read-cases.js";
import { contractSuite } from "./suite.js";
import { writeCases } from "./write-cases.js";

export { compareContractIds } from "./suite.js";

/** Runs the connector contract suite; `makeFixture` is called once per test. */
export function runConnectorContract(
  name: string,
  makeFixture: MakeConnectorFixture,
  profileOverrides: Partial<ContractProfile> = {},
): void {
  const profile: ContractProfile = { ...DEFAULT_CONTRACT_PROFILE, ...profileOverrides };
  describe(`connector contract: ${name}`, () => {
    let current: ConnectorFixture | undefined;
    beforeEach(async () => {
      current = await makeFixture();
    });
    afterEach(async () => {
      await current?.close?.();
      current = undefined;
    });
    const suite = contractSuite(() => {
      if (!current) throw new Error("the contract fixture is only available inside a test");
      return current;
    }, profile);
    readCases(suite);
    writeCases(suite);
  });
}
