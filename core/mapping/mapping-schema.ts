/**
 * The mapping of a whole migration as data (DESIGN.md §1 step 4, §3 "Mapping"):
 * the JSON a user downloads, edits and uploads. One zod schema is the only
 * definition; every type here is `z.infer`red from it. Objects are strict, so a
 * typo in an uploaded file (`valuMap`) is reported with its path instead of
 * being silently ignored.
 */
import { z } from "zod";
import {
  contactPointSchema,
  entityKindSchema,
  fieldTypeSchema,
  fileValueSchema,
  moneySchema,
} from "../model/canonical.js";
import type { FieldSpec } from "../connectors/connector.js";

/** True when `Intl` knows the IANA zone (`Europe/Moscow`, `UTC`...). */
export function isTimeZone(zone: string): boolean {
  try {
    new Intl.DateTimeFormat("en-US", { timeZone: zone });
    return true;
  } catch {
    return false;
  }
}

const timeZoneSchema = z.string().refine(isTimeZone, { message: "unknown time zone" });
const idSchema = z.string().min(1);

/** What to do with a list value that the value map does not know. */
export const onUnknownSchema = z.enum(["create", "default", "skip", "error"]);
export type OnUnknown = z.infer<typeof onUnknownSchema>;

/** Countries whose national phone numbering `phone` can complete to E.164. */
export const PHONE_COUNTRIES = ["RU", "KZ", "BY", "UA", "UZ", "US", "DE", "GB"] as const;
/** Date layouts a `date`/`datetime` converter accepts; `dmy` = 23.04.2012, `mdy` = 04/23/2012. */
export const DATE_FORMATS = ["iso", "dmy", "mdy", "unix_seconds", "unix_ms"] as const;
export const DEFAULT_DATE_FORMATS = ["iso", "dmy", "unix_seconds"] as const;
/** What the `boolean` converter reads as yes / no unless told otherwise (compared normalised). */
export const DEFAULT_TRUE_VALUES: readonly string[] = [
  "y",
  "yes",
  "1",
  "true",
  "да",
  "д",
  "on",
  "+",
  "истина",
];
export const DEFAULT_FALSE_VALUES: readonly string[] = [
  "n",
  "no",
  "0",
  "false",
  "нет",
  "н",
  "off",
  "-",
  "ложь",
];

/** Item map of the two list converters: source key → target item id, `null` = drop on purpose. */
const valueMapSchema = z.record(z.string(), idSchema.nullable());

function requireDefaultItem(
  value: { onUnknown: OnUnknown; defaultItemId?: string | undefined },
  ctx: z.RefinementCtx,
) {
  if (value.onUnknown === "default" && value.defaultItemId === undefined) {
    ctx.addIssue({
      code: "custom",
      path: ["defaultItemId"],
      message: "required when onUnknown is default",
    });
  }
}

const dateZones = {
  formats: z.array(z.enum(DATE_FORMATS)).min(1).optional(),
  /** Zone a naive time is read in; default: the mapping's `timeZones.source`. */
  sourceTimeZone: timeZoneSchema.optional(),
};

/**
 * How one source value becomes one target value. Values are converted one by
 * one; a multiple source into a single target is the rule's `collapse`.
 */
export const converterSchema = z.discriminatedUnion("kind", [
  /** Same type on both sides (or string ↔ text, integer → number): taken as is. */
  z.strictObject({ kind: z.literal("copy") }),
  /** Any scalar rendered as text; longer than `maxLength` is cut with a `too_long` warning. */
  z.strictObject({ kind: z.literal("text"), maxLength: z.int().positive().optional() }),
  /** Text ("1 234,56", "12 500 ₽"), numbers or money amounts → a number (rounded for integer targets). */
  z.strictObject({
    kind: z.literal("number"),
    decimalSeparator: z.enum([",", ".", "auto"]).default("auto"),
  }),
  /** Text ("12 500 ₽", "100|USD"), numbers or money → money; `defaultCurrency` when none is written. */
  z.strictObject({
    kind: z.literal("money"),
    defaultCurrency: z.string().regex(/^[A-Z]{3}$/),
    decimalSeparator: z.enum([",", ".", "auto"]).default("auto"),
  }),
  /** Any date, datetime or Unix time → `YYYY-MM-DD` as seen in the source zone. */
  z.strictObject({ kind: z.literal("date"), ...dateZones }),
  /** Any date, datetime or Unix time → ISO-8601 with the target zone's offset. */
  z.strictObject({
    kind: z.literal("datetime"),
    ...dateZones,
    targetTimeZone: timeZoneSchema.optional(),
  }),
  /** "Y"/"N", "1"/"0", "да"/"нет", numbers, booleans → boolean; lists are compared normalised. */
  z.strictObject({
    kind: z.literal("boolean"),
    trueValues: z.array(z.string()).default(() => [...DEFAULT_TRUE_VALUES]),
    falseValues: z.array(z.string()).default(() => [...DEFAULT_FALSE_VALUES]),
  }),
  /** Free text → list item, keyed by the normalised text (see `normalizeLabel`). */
  z
    .strictObject({
      kind: z.literal("string_to_enum"),
      valueMap: valueMapSchema,
      onUnknown: onUnknownSchema,
      defaultItemId: idSchema.optional(),
    })
    .superRefine(requireDefaultItem),
  /** List item (incl. pipelines and stages) → list item, keyed by the source item id. */
  z
    .strictObject({
      kind: z.literal("enum_to_enum"),
      valueMap: valueMapSchema,
      onUnknown: onUnknownSchema,
      defaultItemId: idSchema.optional(),
    })
    .superRefine(requireDefaultItem),
  /** List item → its label as text; `labels` is keyed by the source item id. */
  z.strictObject({ kind: z.literal("enum_to_string"), labels: z.record(z.string(), z.string()) }),
  /** Phones normalised to E.164 when the digits allow it; otherwise kept with a warning. */
  z.strictObject({
    kind: z.literal("phone"),
    defaultCountry: z.enum(PHONE_COUNTRIES),
    format: z.enum(["e164", "keep"]).default("e164"),
  }),
  /** E-mails trimmed, lower-cased and checked; "a@x.ru; b@y.ru" becomes two. */
  z.strictObject({ kind: z.literal("email") }),
  /** A user id rewritten through the mapping's `users`. */
  z.strictObject({
    kind: z.literal("user_ref"),
    onUnmatched: z.enum(["default", "skip", "error"]).default("default"),
  }),
  /** A record id rewritten through the id map of `entity`. */
  z.strictObject({
    kind: z.literal("entity_ref"),
    entity: entityKindSchema,
    onUnresolved: z.enum(["skip", "error"]).default("skip"),
  }),
]);
export type Converter = z.infer<typeof converterSchema>;
export type ConverterKind = Converter["kind"];
/** The converter variant of one `kind`, for the converter functions' signatures. */
export type ConverterOf<K extends ConverterKind> = Extract<Converter, { kind: K }>;

/** A custom field to create in the target: the connector's `FieldSpec`, optionally with a wished code. */
export const createFieldSpecSchema = z.strictObject({
  label: z.string().min(1),
  type: fieldTypeSchema,
  multiple: z.boolean(),
  items: z.array(z.string()).optional(),
  /** For entity_ref fields: which entity the new field points to. */
  refEntity: entityKindSchema.optional(),
  code: idSchema.optional(),
});
export type CreateFieldSpec = z.infer<typeof createFieldSpecSchema>;
// Compile-time guard: a create spec is always a valid connector FieldSpec.
const _specIsFieldSpec = (spec: CreateFieldSpec): FieldSpec => spec;

/** Where a rule writes: an existing target field, or a custom field to create first. */
export const targetRefSchema = z.union([
  z.strictObject({ code: idSchema }),
  z.strictObject({ create: createFieldSpecSchema }),
]);
export type TargetRef = z.infer<typeof targetRefSchema>;

/** Several source values into one target value: keep the first, or join them as text. */
export const collapseSchema = z.strictObject({
  pick: z.enum(["first", "join"]),
  separator: z.string().default(", "),
});
export type Collapse = z.infer<typeof collapseSchema>;

const fieldValueScalarSchema = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  moneySchema,
  contactPointSchema,
  fileValueSchema,
]);
const fieldValueSchema = z.union([
  fieldValueScalarSchema,
  z.array(fieldValueScalarSchema),
  z.null(),
]);

/** One line of an entity mapping: map a source field, skip it, or write a constant. */
export const fieldRuleSchema = z.discriminatedUnion("action", [
  z.strictObject({
    action: z.literal("map"),
    source: idSchema,
    target: targetRefSchema,
    converter: converterSchema,
    collapse: collapseSchema.optional(),
    /** Any problem with this field fails the record (default: the value is dropped with a warning). */
    required: z.boolean().optional(),
  }),
  /** The source field is not migrated (listed so the file shows every field). */
  z.strictObject({ action: z.literal("skip"), source: idSchema }),
  /** A fixed value for a target field that has no source, e.g. a required one. */
  z.strictObject({
    action: z.literal("constant"),
    target: z.strictObject({ code: idSchema }),
    value: fieldValueSchema,
  }),
]);
export type FieldRule = z.infer<typeof fieldRuleSchema>;
export type MapRule = Extract<FieldRule, { action: "map" }>;
export type ConstantRule = Extract<FieldRule, { action: "constant" }>;

/** The rules of one source entity. */
export const entityMappingSchema = z.strictObject({
  /** The target entity: usually the same kind; amoCRM leads → Bitrix24 deals is not. */
  target: entityKindSchema,
  fields: z.array(fieldRuleSchema),
});
export type EntityMapping = z.infer<typeof entityMappingSchema>;

/** Source users → target users (proposed by e-mail, see `proposeUserMapping`). */
export const userMappingSchema = z.strictObject({
  /** Source user id → target user id. */
  byId: z.record(z.string(), idSchema),
  /** Who gets records of unmatched users (`user_ref` with `onUnmatched: "default"`); null = left empty. */
  defaultTargetUserId: idSchema.nullable(),
});
export type UserMapping = z.infer<typeof userMappingSchema>;

/** Zones naive times are read in (source) and datetimes written in (target): IANA names. */
export const timeZonesSchema = z.strictObject({ source: timeZoneSchema, target: timeZoneSchema });
export type TimeZones = z.infer<typeof timeZonesSchema>;

/** A whole migration's mapping: the file users download and upload (`version` guards the format). */
export const mappingSchema = z.strictObject({
  version: z.literal(1),
  timeZones: timeZonesSchema,
  users: userMappingSchema,
  /** Keyed by the source entity. */
  entities: z.partialRecord(entityKindSchema, entityMappingSchema),
});
export type Mapping = z.infer<typeof mappingSchema>;
