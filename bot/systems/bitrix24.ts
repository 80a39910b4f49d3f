/**
 * Bitrix24 as a system of the chat: the credentials are an inbound webhook URL
 * (https://apidocs.bitrix24.com/local-integrations/local-webhooks.html), checked
 * at once with `profile` + `scope` (one batch request), stored encrypted as the
 * connector's settings — and renewed the same way when the customer replaced the
 * webhook of a running migration (services/connections.ts `renew`).
 */
import {
  createBitrix24Connector,
  parseBitrix24Config,
  type Bitrix24ConfigInput,
  type Bitrix24Deps,
} from "../../core/connectors/bitrix24/index.js";
import { invalidInput } from "../../core/errors.js";
import type { SystemSpec } from "./types.js";

/** What every Bitrix24 connector of the process shares: the limiter, allowed hosts, DNS. */
export type Bitrix24Env = Bitrix24Deps;

/** Chat checks must answer quickly: two attempts, short backoff, 10 s per request. */
const INTERACTIVE = {
  retry: { maxAttempts: 2, baseMs: 300, capMs: 1_000 },
  timeoutMs: 10_000,
} as const;

const CLOUD = { kind: "cloud", plan: "standard" } as const;

function settingsOf(text: string, deployment: Bitrix24ConfigInput["deployment"] = CLOUD) {
  const url = text.trim();
  if (url === "" || /\s/.test(url)) {
    throw invalidInput("Expected one link", { code: "not_a_webhook_url" });
  }
  return { auth: { mode: "webhook", url }, deployment } satisfies Bitrix24ConfigInput;
}

/** The portal kind of stored settings (cloud unless they say otherwise); never their secret. */
function deploymentOf(stored: unknown): Bitrix24ConfigInput["deployment"] {
  try {
    return parseBitrix24Config(stored).deployment;
  } catch {
    return CLOUD;
  }
}

export function bitrix24System(env: Bitrix24Env): SystemSpec {
  return {
    id: "bitrix24",
    available: true,
    credentialPrompt: "connect.prompt.bitrix24",
    secretPattern: /\/rest\/\d+\/[A-Za-z0-9_-]{4,64}/,
    async check(text, signal) {
      const settings = settingsOf(text);
      const connector = createBitrix24Connector(settings, { ...env, ...INTERACTIVE });
      const found = await connector.check(signal);
      return {
        account: {
          label: found.accountName,
          accountKey: `bitrix24:${found.accountId ?? found.accountName}`,
          userName: found.user.name,
          isAdmin: found.user.isAdmin,
          missingScopes: found.missingScopes,
          meta: {
            portal: found.accountName,
            deployment: found.deployment,
            scopes: found.scopes,
            user: { id: found.user.id, name: found.user.name, isAdmin: found.user.isAdmin },
          },
        },
        settings,
      };
    },
    connector(settings) {
      return createBitrix24Connector(parseBitrix24Config(settings), env);
    },
    renew(text, stored) {
      const settings = settingsOf(text, deploymentOf(stored));
      return { settings, connector: createBitrix24Connector(settings, { ...env, ...INTERACTIVE }) };
    },
  };
}
