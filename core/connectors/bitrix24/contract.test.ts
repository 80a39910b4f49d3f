import { runConnectorContract } from "../contract/index.js";
import { contractFixture } from "./__fixtures__/sandbox-harness.js";

// Legacy lists return up to 2,500 rows per request: 2,501 records make two pages.
runConnectorContract("bitrix24 (sandbox)", contractFixture, { readCount: 2_501, minPages: 2 });
