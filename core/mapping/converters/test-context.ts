/** Test helper: a `ValueContext` with a target field of the given type. */
import type { FieldType } from "../../model/canonical.js";
import type { FieldSchema } from "../../model/schema.js";
import type { ValueContext } from "./types.js";

export function valueContext(
  type: FieldType,
  extra: Partial<ValueContext> & { items?: FieldSchema["items"] } = {},
): ValueContext {
  const { items, ...rest } = extra;
  return {
    targetField: { code: "X", type, multiple: false, ...(items ? { items } : {}) },
    timeZones: { source: "Europe/Moscow", target: "Europe/Moscow" },
    users: { byId: {}, defaultTargetUserId: null },
    resolveRef: () => undefined,
    ...rest,
  };
}
