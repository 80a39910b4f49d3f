/**
 * Basic methods that answer about the server and the caller rather than CRM data:
 * `server.time`, `scope`, `methods`, `method.get`, `profile`, `app.info`. They need no
 * scope and cost nothing against the operating limit (the docs' examples show
 * `operating: 0`).
 *
 * Docs: docs:api-reference/common/system/{server-time,scope,methods,method-get,app-info}.md.
 * Mechanics: srv:modules/rest/classes/general/rest_provider.php (`scopeList`,
 * `methodsList`, `getMethod`, `getProfile`, `appInfo`).
 */
import type { Clock } from "./clock.js";
import { formatDateC } from "./clock.js";
import type { MethodRegistry } from "./method-registry.js";
import type { Caller, MethodCall, MethodDefinition } from "./method-types.js";
import type { Portal } from "./portal.js";
import { paramUpper, phpBool } from "./request/php-values.js";

/** Scopes of the caller that this portal actually has (`CRestServer::getAuthScope`). */
function callerScopes(registry: MethodRegistry, caller: Caller): string[] {
  const known = new Set(registry.scopes());
  return [...caller.scopes].filter((scope) => known.has(scope));
}

function license(portal: Portal): string {
  if (portal.kind === "box") return "en_selfhosted";
  return portal.plan === "enterprise" ? "en_ent250" : "en_pro";
}

function offsetSeconds(timeZone: string): number {
  const match = /^([+-])(\d{2}):?(\d{2})$/.exec(timeZone);
  if (!match) return 0;
  return (match[1] === "-" ? -1 : 1) * (Number(match[2]) * 3600 + Number(match[3]) * 60);
}

/** `profile`: the calling user; `[]` when that user is inactive. */
function profile(call: MethodCall): unknown {
  const user = call.portal.data.activeUser(call.caller.userId);
  if (!user) return [];
  const f = user.f;
  return {
    ID: String(user.id),
    ADMIN: call.portal.data.isAdmin(user.id),
    NAME: f.NAME ?? "",
    LAST_NAME: f.LAST_NAME ?? "",
    PERSONAL_GENDER: f.PERSONAL_GENDER ?? "",
    TIME_ZONE: "",
    TIME_ZONE_OFFSET: offsetSeconds(call.portal.timeZone),
  };
}

/** `methods`: basic methods plus the caller's scopes; `scope` or `full` widen or narrow it. */
function methodsList(registry: MethodRegistry, call: MethodCall): string[] {
  const scopeParam = paramUpper(call.params, "scope");
  let wanted: Set<string | null>;
  if (scopeParam !== undefined) {
    const scope =
      typeof scopeParam === "string" || typeof scopeParam === "number" ? String(scopeParam) : "";
    wanted = new Set([scope === "" ? null : scope]);
  } else if (phpBool(paramUpper(call.params, "full"))) {
    wanted = new Set([null, ...registry.scopes()]);
  } else {
    wanted = new Set([null, ...callerScopes(registry, call.caller)]);
  }
  return registry
    .all()
    .filter((m) => wanted.has(m.scope))
    .map((m) => m.name.toLowerCase());
}

/** The basic methods, bound to the sandbox's registry and clock. */
export function createSystemMethods(registry: MethodRegistry, clock: Clock): MethodDefinition[] {
  const basic = (name: string, handler: MethodDefinition["handler"]): MethodDefinition => ({
    name,
    scope: null,
    cost: 0,
    handler,
  });
  return [
    basic("server.time", (call) => ({ result: formatDateC(clock.now(), call.portal.timeZone) })),
    basic("scope", (call) => ({
      result: phpBool(paramUpper(call.params, "full"))
        ? registry.scopes()
        : callerScopes(registry, call.caller),
    })),
    basic("methods", (call) => ({ result: methodsList(registry, call) })),
    basic("method.get", (call) => {
      const name = call.params.name;
      const method = typeof name === "string" && name !== "" ? registry.get(name) : undefined;
      const available =
        method !== undefined &&
        (method.scope === null || callerScopes(registry, call.caller).includes(method.scope));
      return { result: { isExisting: method !== undefined, isAvailable: available } };
    }),
    basic("profile", (call) => ({ result: profile(call) })),
    basic("app.info", (call) => {
      const lic = license(call.portal);
      if (call.caller.kind === "webhook") {
        return { result: { SCOPE: callerScopes(registry, call.caller), LICENSE: lic } };
      }
      const clientId = call.caller.callerKey.replace(/^app:/, "");
      return {
        result: {
          ID: 1,
          CODE: clientId,
          VERSION: 1,
          STATUS: "L",
          INSTALLED: true,
          PAYMENT_EXPIRED: "N",
          DAYS: null,
          LANGUAGE_ID: "en",
          LICENSE: lic,
        },
      };
    }),
  ];
}
