/**
 * Bitrix24 connection settings: how we authenticate (an inbound webhook URL or an
 * OAuth app's tokens) and what kind of portal it is (cloud plan or on-premise
 * limits). Parsed with zod; a malformed webhook link is refused here, before any
 * request, with a code the chat layer turns into a message.
 *
 * Webhooks: https://apidocs.bitrix24.com/local-integrations/local-webhooks.html
 * OAuth: https://apidocs.bitrix24.com/settings/oauth/index.html
 * Limits: https://apidocs.bitrix24.com/limits.html
 */
import { z } from "zod";
import { invalidInput } from "../../errors.js";
import { Secret } from "../../http/secret.js";
import { policies, type LimitPolicy } from "../../ratelimit/policies.js";

/** A secret given as text (from the chat or the decrypted store) or already wrapped. */
const secretSchema = z
  .union([z.string().trim().min(1), z.instanceof(Secret)])
  .transform((value) => (typeof value === "string" ? new Secret(value) : value));

export const webhookAuthSchema = z.object({
  mode: z.literal("webhook"),
  /** `https://<portal>/rest/<userId>/<code>/`; the code is the secret. */
  url: secretSchema,
});

export const oauthAuthSchema = z.object({
  mode: z.literal("oauth"),
  /** Portal host or URL, e.g. `acme.bitrix24.ru`. */
  portal: z.string().trim().min(1),
  clientId: z.string().trim().min(1),
  clientSecret: secretSchema,
  accessToken: secretSchema,
  refreshToken: secretSchema,
  /** Epoch ms when the access token expires (informational: we refresh on `expired_token`). */
  expiresAt: z.number(),
  /** Where tokens are refreshed; `https://oauth.bitrix.info/rest/` by default. */
  serverEndpoint: z.string().trim().min(1).optional(),
  /** The portal's stable id from the token answer, when known. */
  memberId: z.string().optional(),
});

export const deploymentSchema = z.discriminatedUnion("kind", [
  z.object({
    kind: z.literal("cloud"),
    plan: z.enum(["standard", "enterprise"]).default("standard"),
  }),
  z.object({
    kind: z.literal("on_premise"),
    /** What the portal's administrator allows; no limit is built in on-premise. */
    ratePerSec: z.number().positive().optional(),
    burst: z.number().int().positive().optional(),
    operatingLimitSec: z.number().positive().optional(),
  }),
]);

export const bitrix24ConfigSchema = z.object({
  auth: z.discriminatedUnion("mode", [webhookAuthSchema, oauthAuthSchema]),
  deployment: deploymentSchema.default({ kind: "cloud", plan: "standard" }),
});

export type Bitrix24ConfigInput = z.input<typeof bitrix24ConfigSchema>;
export type Bitrix24Config = z.output<typeof bitrix24ConfigSchema>;
export type Deployment = z.output<typeof deploymentSchema>;

/** Where requests go, with the secret kept in a `Secret`. */
export interface PortalEndpoint {
  /** `https://acme.bitrix24.ru` */
  origin: string;
  /** `acme.bitrix24.ru`: the portal's name in messages and the limiter key. */
  host: string;
  /** Method names are appended to it: `<origin>/rest/<uid>/<code>/` or `<origin>/rest/`. */
  base: Secret;
}

export const DEFAULT_SERVER_ENDPOINT = "https://oauth.bitrix.info/rest/";

const WEBHOOK_PATH = /^\/rest\/(\d+)\/([A-Za-z0-9_-]{4,64})(?:\/(?:[A-Za-z0-9_.]+\/?)?)?$/;

const notAWebhook = (why: string) =>
  invalidInput(
    `This is not a Bitrix24 inbound webhook link (${why}). Copy the whole link from Developer resources → Other → Inbound webhook; it looks like https://your-portal.bitrix24.ru/rest/1/abc123xyz/`,
    { code: "not_a_webhook_url" },
  );

/**
 * Splits a webhook link into the portal and the secret. Accepts the link as Bitrix24
 * shows it, with or without a trailing method (`…/profile.json`). Never echoes the link.
 */
export function parseWebhookUrl(url: Secret): PortalEndpoint & { userId: string } {
  let parsed: URL;
  try {
    parsed = new URL(url.reveal().trim());
  } catch {
    throw notAWebhook("it is not a link");
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:")
    throw notAWebhook("not a web link");
  if (parsed.username !== "" || parsed.password !== "") throw notAWebhook("it carries a login");
  const match = WEBHOOK_PATH.exec(parsed.pathname);
  if (match === null) throw notAWebhook("the path is not /rest/<user>/<code>/");
  const [, userId = "", code = ""] = match;
  return {
    origin: parsed.origin,
    host: parsed.host.toLowerCase(),
    userId,
    base: new Secret(`${parsed.origin}/rest/${userId}/${code}/`),
  };
}

/** The portal of an OAuth connection: `acme.bitrix24.ru`, with or without scheme and path. */
export function parsePortal(portal: string): PortalEndpoint {
  const raw = /^[a-z][a-z0-9+.-]*:\/\//i.test(portal) ? portal : `https://${portal}`;
  let parsed: URL;
  try {
    parsed = new URL(raw);
  } catch {
    throw invalidInput("The Bitrix24 portal address could not be read", {
      code: "not_a_portal_url",
    });
  }
  if (parsed.protocol !== "https:" && parsed.protocol !== "http:") {
    throw invalidInput("The Bitrix24 portal address must be a web address", {
      code: "not_a_portal_url",
    });
  }
  return {
    origin: parsed.origin,
    host: parsed.host.toLowerCase(),
    base: new Secret(`${parsed.origin}/rest/`),
  };
}

/** The endpoint of any auth mode. */
export function endpointOf(config: Bitrix24Config): PortalEndpoint {
  return config.auth.mode === "webhook"
    ? parseWebhookUrl(config.auth.url)
    : parsePortal(config.auth.portal);
}

/**
 * Parses and validates settings; bad input → `invalid_input` (`not_a_webhook_url`,
 * `not_a_portal_url`, `bad_config`). zod issues never carry the input, so no secret leaks.
 */
export function parseBitrix24Config(input: unknown): Bitrix24Config {
  const result = bitrix24ConfigSchema.safeParse(input);
  if (!result.success) {
    const paths = result.error.issues.map((issue) => issue.path.join(".") || "(root)");
    throw invalidInput(
      `The Bitrix24 connection settings are incomplete: ${[...new Set(paths)].join(", ")}`,
      {
        code: "bad_config",
        details: { paths },
      },
    );
  }
  endpointOf(result.data);
  return result.data;
}

/**
 * The request budget of a deployment (core/ratelimit policies): cloud 2/s with a
 * burst of 50 (Enterprise 5/s, 250); on-premise whatever its administrator set.
 * The composition root builds the portal's limiter with it.
 */
export function bitrix24Policy(deployment: Deployment): LimitPolicy {
  if (deployment.kind === "cloud") {
    return deployment.plan === "enterprise" ? policies.bitrix24Enterprise : policies.bitrix24Cloud;
  }
  return policies.bitrix24Box({
    ...(deployment.ratePerSec === undefined ? {} : { ratePerSec: deployment.ratePerSec }),
    ...(deployment.burst === undefined ? {} : { burst: deployment.burst }),
    ...(deployment.operatingLimitSec === undefined
      ? {}
      : { operatingLimitSec: deployment.operatingLimitSec }),
  });
}
