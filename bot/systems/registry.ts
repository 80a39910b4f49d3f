/**
 * The systems the chat offers, in menu order. Only Bitrix24 is implemented; the
 * others are listed as "coming soon" so customers see where the service goes.
 * Adding one = a file like `bitrix24.ts` and a line here.
 */
import { invalidInput } from "../../core/errors.js";
import type { Connector } from "../../core/connectors/connector.js";
import type { CrmSystem } from "../../core/store/index.js";
import { bitrix24System, type Bitrix24Env } from "./bitrix24.js";
import type { SystemRegistry, SystemSpec } from "./types.js";

/** A system that cannot be chosen yet. */
function comingSoon(id: CrmSystem): SystemSpec {
  const refuse = (): never => {
    throw invalidInput(`${id} is not available yet`, { code: "system_unavailable" });
  };
  return {
    id,
    available: false,
    credentialPrompt: `connect.prompt.${id}`,
    check: async () => refuse(),
    connector: (): Connector => refuse(),
    renew: () => refuse(),
  };
}

export interface SystemsEnv {
  bitrix24: Bitrix24Env;
}

/** The registry the composition root builds once. */
export function createSystemRegistry(env: SystemsEnv): SystemRegistry {
  return [
    bitrix24System(env.bitrix24),
    comingSoon("amocrm"),
    comingSoon("jira"),
    comingSoon("gsheets"),
  ];
}

export function systemById(systems: SystemRegistry, id: string): SystemSpec | undefined {
  return systems.find((s) => s.id === id);
}
