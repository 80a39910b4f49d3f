/**
 * The canonical record: what every connector reads into and writes from
 * (DESIGN.md §3). A record keeps its source system's field codes and item ids;
 * the mapping turns it into a record in the target's codes and ids.
 */
import { z } from "zod";

/**
 * Every kind of record Pereezd moves, listed in dependency order: a kind comes
 * after every kind it can reference (`plan.ts` relies on this order).
 */
export const ENTITY_KINDS = [
  "users",
  "departments",
  "companies",
  "contacts",
  "leads",
  "deals",
  "activities",
  "timeline_comments",
  "tasks",
  "task_comments",
  "calls",
] as const;
export const entityKindSchema = z.enum(ENTITY_KINDS);
export type EntityKind = z.infer<typeof entityKindSchema>;

/** The CRM entities a Bitrix24 → Bitrix24 migration moves today. */
export const CRM_ENTITIES = [
  "companies",
  "contacts",
  "leads",
  "deals",
] as const satisfies readonly EntityKind[];

export const FIELD_TYPES = [
  "string",
  "text",
  "number",
  "integer",
  "money",
  "date",
  "datetime",
  "boolean",
  "enum",
  "phones",
  "emails",
  "urls",
  "ims",
  "user_ref",
  "entity_ref",
  "file",
  "pipeline",
  "stage",
] as const;
export const fieldTypeSchema = z.enum(FIELD_TYPES);
export type FieldType = z.infer<typeof fieldTypeSchema>;

/** One phone, e-mail, site or messenger: `kind` is WORK, MOBILE, HOME, OTHER... */
export const contactPointSchema = z.object({ value: z.string(), kind: z.string() });
export type ContactPoint = z.infer<typeof contactPointSchema>;

export const moneySchema = z.object({ amount: z.number(), currency: z.string() });
export type Money = z.infer<typeof moneySchema>;

export const fileValueSchema = z.object({
  name: z.string(),
  /** Where to download it from the source (may need the source's credentials). */
  url: z.string().optional(),
  contentBase64: z.string().optional(),
});
export type FileValue = z.infer<typeof fileValueSchema>;

/**
 * A single value. Which shape goes with which `FieldType`:
 * string/text/date (YYYY-MM-DD)/datetime (ISO-8601 with offset)/enum/pipeline/stage
 * (the item id)/user_ref/entity_ref (the referenced record's id) → string;
 * number/integer → number; boolean → boolean; money → Money;
 * phones/emails/urls/ims → ContactPoint; file → FileValue.
 */
export type ScalarValue = string | number | boolean | Money | ContactPoint | FileValue;
/** A field's value: multiple fields (and phones/emails) hold arrays; null = empty. */
export type FieldValue = ScalarValue | ScalarValue[] | null;

export interface CanonicalRecord {
  entity: EntityKind;
  /** The record's id in the system it was read from. */
  id: string;
  fields: Record<string, FieldValue>;
  /** ISO-8601 of the last change, for delta runs. */
  updatedAt?: string;
  createdAt?: string;
}

/** A record ready to be written to the target, in the target's codes and ids. */
export interface TargetRecord {
  sourceId: string;
  /** Set to update an existing target record instead of creating one. */
  targetId?: string;
  fields: Record<string, FieldValue>;
}
