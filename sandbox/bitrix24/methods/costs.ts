/**
 * Simulated execution time (seconds) each method charges to the operating
 * budget (docs: limits.md — 480 s per method per 10 minutes). Values follow
 * the `time.operating` readings seen in the docs' examples: a page of a list
 * costs more than a single get, a full count more than `start=-1`.
 */
import type { MethodCall } from "../method-types.js";

/** Cost per kind of call, seconds. */
export const COST = {
  get: 0.02,
  add: 0.05,
  update: 0.05,
  delete: 0.04,
  fields: 0.01,
  dictionary: 0.02,
  /** A list page with `start=-1` (no COUNT). */
  listNoCount: 0.05,
  /** A list page that also counts the matches. */
  listCounted: 0.2,
  import: 0.1,
  /** Per row of crm.item.batchImport. */
  importRow: 0.08,
  telephony: 0.15,
  download: 0.02,
} as const;

/** Cost of a list call: cheap with `start=-1`, dearer when the server must count. */
export function listCost(call: MethodCall): number {
  return call.start !== undefined && call.start < 0 ? COST.listNoCount : COST.listCounted;
}
