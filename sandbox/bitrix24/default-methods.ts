/**
 * The REST methods a sandbox serves by default: the domain side's CRM, user, task,
 * telephony and disk methods (`methods/`). System methods and `batch` are added by
 * the server itself.
 */
import type { MethodDefinition } from "./method-types.js";
import { bitrix24Methods } from "./methods/index.js";

/** The domain methods (a fresh array, so callers may extend it). */
export function defaultMethods(): readonly MethodDefinition[] {
  return [...bitrix24Methods];
}
