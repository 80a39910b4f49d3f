/**
 * What a connector's `describe()` returns: the fields of one entity, with
 * their types and list items, so the mapping can match source to target.
 */
import { z } from "zod";
import { entityKindSchema, fieldTypeSchema } from "./canonical.js";

export const enumItemSchema = z.object({
  id: z.string(),
  label: z.string(),
  /** Stages belong to a pipeline: its id. */
  group: z.string().optional(),
  /** Stages: process, success or failure. */
  semantics: z.enum(["process", "success", "failure"]).optional(),
});
export type EnumItem = z.infer<typeof enumItemSchema>;

export const fieldSchemaSchema = z.object({
  /** The system's own code: `TITLE`, `UF_CRM_1720019876534`, `cf_123`... */
  code: z.string(),
  label: z.string(),
  type: fieldTypeSchema,
  multiple: z.boolean(),
  required: z.boolean(),
  readOnly: z.boolean(),
  /** A user-defined field (can be created in the target); system fields cannot. */
  custom: z.boolean(),
  items: z.array(enumItemSchema).optional(),
  /** For entity_ref: which entity it points to. */
  refEntity: entityKindSchema.optional(),
});
export type FieldSchema = z.infer<typeof fieldSchemaSchema>;

export const entitySchemaSchema = z.object({
  entity: entityKindSchema,
  fields: z.array(fieldSchemaSchema),
});
export type EntitySchema = z.infer<typeof entitySchemaSchema>;

/** A user of a CRM, for matching responsible users by e-mail. */
export interface UserSummary {
  id: string;
  email: string | null;
  name: string;
  active: boolean;
}

export function findField(schema: EntitySchema, code: string): FieldSchema | undefined {
  return schema.fields.find((f) => f.code === code);
}
