/**
 * The REST methods a sandbox serves by default: the domain side's CRM, user, task and
 * telephony methods (`methods/`). System methods and `batch` are added by the server.
 */
import type { MethodDefinition } from "./method-types.js";

/** The domain methods, or none while `methods/index.ts` is not there yet. */
export function defaultMethods(): readonly MethodDefinition[] {
  return [];
}
