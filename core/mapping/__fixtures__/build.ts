/** Test helpers: terse `FieldSchema` builders for the schema fixtures. */
import type { EntityKind, FieldType } from "../../model/canonical.js";
import type { EnumItem, FieldSchema } from "../../model/schema.js";

type Options = Partial<Omit<FieldSchema, "code" | "label" | "type">>;

/** A system field (not custom) with sensible defaults. */
export function sys(
  code: string,
  label: string,
  type: FieldType,
  options: Options = {},
): FieldSchema {
  return {
    code,
    label,
    type,
    multiple: false,
    required: false,
    readOnly: false,
    custom: false,
    ...options,
  };
}

/** A user field (`UF_CRM_…` / amoCRM custom field). */
export function uf(
  code: string,
  label: string,
  type: FieldType,
  options: Options = {},
): FieldSchema {
  return { ...sys(code, label, type, options), custom: true };
}

/** List items from `[id, label]` pairs. */
export function items(...pairs: Array<[string, string]>): EnumItem[] {
  return pairs.map(([id, label]) => ({ id, label }));
}

export function stage(
  id: string,
  label: string,
  group: string,
  semantics: EnumItem["semantics"] = "process",
): EnumItem {
  return { id, label, group, semantics };
}

export const ref = (refEntity: EntityKind): Options => ({ refEntity });
