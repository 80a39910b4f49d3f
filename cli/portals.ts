/**
 * A portal given on the command line (`--from`/`--to` webhook link) as the
 * connection the service stores and the connector that talks to it. Parsing the
 * link is local (no request); the URL guard and the credentials check run on the
 * first request, inside `inspectPortals`. Errors carry the side, so the message
 * names the flag.
 */
import {
  bitrix24Policy,
  createBitrix24Connector,
  parseBitrix24Config,
  type Bitrix24ConfigInput,
} from "../core/connectors/bitrix24/index.js";
import { isPereezdError, PereezdError } from "../core/errors.js";
import { bitrix24Host, type ConnectionInput, type Side } from "../core/service/index.js";
import type { DeploymentFlag } from "./args.js";
import type { CliRuntime } from "./runtime.js";

/**
 * Checks and setup answer quickly or fail: two attempts with a short backoff and
 * 15 s per request (a run opens its own connectors with the patient defaults).
 */
const INTERACTIVE = {
  retry: { maxAttempts: 2, baseMs: 300, capMs: 1_000 },
  timeoutMs: 15_000,
} as const;

/** The settings stored for a webhook link: plain JSON, the link being the secret. */
export function webhookSettings(url: string, deployment: DeploymentFlag): Bitrix24ConfigInput {
  return {
    auth: { mode: "webhook", url: url.trim() },
    deployment:
      deployment === "cloud" ? { kind: "cloud", plan: "standard" } : { kind: "on_premise" },
  };
}

/** Rethrows `fn`'s `PereezdError` with the side attached (for the flag in the message). */
export function onSide<T>(side: Side, fn: () => T): T {
  try {
    return fn();
  } catch (error) {
    if (!isPereezdError(error) || error.details?.side !== undefined) throw error;
    throw new PereezdError(error.kind, error.message, {
      ...(error.code === undefined ? {} : { code: error.code }),
      details: { ...error.details, side },
      cause: error,
    });
  }
}

/** The connection input of one side; registers the portal's request budget with the limiter. */
export function portalInput(
  rt: CliRuntime,
  side: Side,
  url: string,
  deployment: DeploymentFlag,
): ConnectionInput {
  const settings = webhookSettings(url, deployment);
  return onSide(side, () => {
    const config = parseBitrix24Config(settings);
    rt.policies.register(bitrix24Host(config), bitrix24Policy(config.deployment));
    return {
      system: "bitrix24",
      settings,
      connector: createBitrix24Connector(config, {
        limiter: rt.limiter,
        allowedHosts: rt.allowedHosts,
        logger: rt.logger,
        ...INTERACTIVE,
      }),
    };
  });
}
