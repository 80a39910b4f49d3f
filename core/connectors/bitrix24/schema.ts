/**
 * `describe(entity)` in one request: a batch of `crm.<entity>.fields`,
 * `crm.<entity>.userfield.list`, `crm.status.list`, `crm.currency.list` and, for
 * deals, `crm.category.list` (pipelines). Stages are EnumItems grouped by pipeline.
 *
 * https://apidocs.bitrix24.com/api-reference/crm/deals/crm-deal-fields.html,
 * https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-list.html,
 * https://apidocs.bitrix24.com/api-reference/crm/status/crm-status-list.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/category/crm-category-list.html
 */
import { z } from "zod";
import { transientError } from "../../errors.js";
import type { EntityKind } from "../../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema } from "../../model/schema.js";
import type { Bitrix24Client, CommandOutcome } from "./client.js";
import { canonicalType } from "./field-types.js";
import { batchAgainWhenRefused } from "./list-all.js";
import { crmName, DEAL_ENTITY_TYPE_ID } from "./names.js";
import { idSchema } from "./wire.js";

const fieldInfoSchema = z
  .object({
    type: z.string(),
    isRequired: z.boolean().optional().default(false),
    isReadOnly: z.boolean().optional().default(false),
    isMultiple: z.boolean().optional().default(false),
    isDynamic: z.boolean().optional().default(false),
    title: z.string().optional().default(""),
    formLabel: z.string().optional(),
    listLabel: z.string().optional(),
    statusType: z.string().optional(),
    settings: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    items: z.array(z.object({ ID: idSchema, VALUE: z.string() })).optional(),
  })
  .loose();
const fieldsSchema = z.record(z.string(), fieldInfoSchema);

const userFieldSchema = z
  .object({
    ID: idSchema,
    FIELD_NAME: z.string(),
    USER_TYPE_ID: z.string(),
    MULTIPLE: z.string().optional(),
    SETTINGS: z.union([z.record(z.string(), z.unknown()), z.array(z.unknown())]).optional(),
    LIST: z.array(z.object({ ID: idSchema, VALUE: z.string() })).optional(),
  })
  .loose();
const userFieldsSchema = z.array(userFieldSchema);

export const statusSchema = z
  .object({
    ID: idSchema,
    ENTITY_ID: z.string(),
    STATUS_ID: z.string(),
    NAME: z.string(),
    SORT: z.union([z.string(), z.number()]).optional(),
    SEMANTICS: z.string().nullable().optional(),
    EXTRA: z.object({ SEMANTICS: z.string().optional() }).loose().optional(),
  })
  .loose();
const statusesSchema = z.array(statusSchema);
export type StatusRow = z.infer<typeof statusSchema>;

const categoriesSchema = z.object({
  categories: z.array(z.object({ id: idSchema, name: z.string() }).loose()),
});
const currenciesSchema = z.array(
  z.object({ CURRENCY: z.string(), FULL_NAME: z.string().nullable().optional() }).loose(),
);

/** What `ensureFields`/`ensureItems` need beyond the schema. */
export interface FieldMeta {
  bitrixType: string;
  /** User fields: the id for `crm.<entity>.userfield.update`. */
  userFieldId?: string;
  /** `crm_status` fields: the dictionary (`ENTITY_ID` of `crm.status.add`). */
  statusEntity?: string;
}

export interface Described {
  schema: EntitySchema;
  meta: Map<string, FieldMeta>;
  /** Every dictionary row (stages with their SORT), for placing new stages. */
  statuses: StatusRow[];
}

function parseOutcome<T extends z.ZodType>(
  outcome: CommandOutcome | undefined,
  schema: T,
  what: string,
): z.output<T> | null {
  if (outcome === undefined || !outcome.ok) return null;
  const parsed = schema.safeParse(outcome.result);
  if (!parsed.success) {
    throw transientError(`Bitrix24 sent an unexpected answer to ${what}`, {
      code: "unexpected_answer",
    });
  }
  return parsed.data;
}

const SEMANTICS: Readonly<Record<string, EnumItem["semantics"]>> = {
  S: "success",
  F: "failure",
  success: "success",
  failure: "failure",
  process: "process",
};

/** Deal stages' pipeline: `DEAL_STAGE` → "0", `DEAL_STAGE_3` → "3". */
export function pipelineOf(entityId: string): string | undefined {
  if (entityId === "DEAL_STAGE") return "0";
  return /^DEAL_STAGE_(\d+)$/.exec(entityId)?.[1];
}

export function statusItem(row: StatusRow, staged: boolean): EnumItem {
  const item: EnumItem = { id: row.STATUS_ID, label: row.NAME };
  const group = pipelineOf(row.ENTITY_ID);
  if (group !== undefined) item.group = group;
  if (staged) item.semantics = SEMANTICS[row.EXTRA?.SEMANTICS ?? row.SEMANTICS ?? ""] ?? "process";
  return item;
}

const asSettings = (s: Record<string, unknown> | unknown[] | undefined) =>
  s === undefined || Array.isArray(s) ? undefined : s;

/** Fetches and assembles the schema of `entity` (one request). */
export async function describeEntity(
  client: Bitrix24Client,
  entity: EntityKind,
  signal: AbortSignal,
): Promise<Described> {
  const name = crmName(entity);
  const commands = [
    { key: "fields", method: `crm.${name}.fields`, params: {} },
    { key: "uf", method: `crm.${name}.userfield.list`, params: { order: { SORT: "ASC" } } },
    { key: "statuses", method: "crm.status.list", params: { order: { SORT: "ASC" } } },
    { key: "currencies", method: "crm.currency.list", params: {} },
    ...(entity === "deals"
      ? [
          {
            key: "categories",
            method: "crm.category.list",
            params: { entityTypeId: DEAL_ENTITY_TYPE_ID },
          },
        ]
      : []),
  ];
  const out = await batchAgainWhenRefused(client, commands, { kind: "setup", signal });
  const fieldsOutcome = out.get("fields");
  if (fieldsOutcome !== undefined && !fieldsOutcome.ok) throw fieldsOutcome.error;
  const fields = parseOutcome(fieldsOutcome, fieldsSchema, `crm.${name}.fields`) ?? {};
  const userFields = parseOutcome(out.get("uf"), userFieldsSchema, "userfield.list") ?? [];
  const statuses = parseOutcome(out.get("statuses"), statusesSchema, "crm.status.list") ?? [];
  const currencies = parseOutcome(out.get("currencies"), currenciesSchema, "crm.currency.list");
  const categories = parseOutcome(out.get("categories"), categoriesSchema, "crm.category.list");

  const ufByName = new Map(userFields.map((uf) => [uf.FIELD_NAME, uf]));
  const meta = new Map<string, FieldMeta>();
  const schemaFields: FieldSchema[] = [];
  for (const [code, info] of Object.entries(fields)) {
    const uf = ufByName.get(code);
    const settings = asSettings(uf?.SETTINGS) ?? asSettings(info.settings);
    const { type, refEntity } = canonicalType(entity, code, info.type, settings);
    const custom = info.isDynamic || code.startsWith("UF_");
    const field: FieldSchema = {
      code,
      label: (custom ? (info.formLabel ?? info.listLabel) : undefined) || info.title || code,
      type,
      multiple: info.isMultiple,
      required: info.isRequired,
      readOnly: info.isReadOnly,
      custom,
      ...(refEntity === undefined ? {} : { refEntity }),
    };
    const fieldMeta: FieldMeta = { bitrixType: info.type };
    if (uf !== undefined) fieldMeta.userFieldId = uf.ID;
    const statusEntity =
      info.type === "crm_status"
        ? (info.statusType ??
          (typeof settings?.["ENTITY_TYPE"] === "string" ? settings["ENTITY_TYPE"] : undefined))
        : undefined;
    if (statusEntity !== undefined) fieldMeta.statusEntity = statusEntity;
    const items = itemsOf(entity, code, info.type, {
      uf,
      info,
      statusEntity,
      statuses,
      currencies,
      categories,
    });
    if (items !== undefined) field.items = items;
    schemaFields.push(field);
    meta.set(code, fieldMeta);
  }
  return { schema: { entity, fields: schemaFields }, meta, statuses };
}

interface ItemSources {
  uf: z.infer<typeof userFieldSchema> | undefined;
  info: z.infer<typeof fieldInfoSchema>;
  statusEntity: string | undefined;
  statuses: StatusRow[];
  currencies: z.infer<typeof currenciesSchema> | null;
  categories: z.infer<typeof categoriesSchema> | null;
}

function itemsOf(
  entity: EntityKind,
  code: string,
  type: string,
  s: ItemSources,
): EnumItem[] | undefined {
  if (type === "enumeration") {
    const list = s.uf?.LIST ?? s.info.items ?? [];
    return list.map((i) => ({ id: i.ID, label: i.VALUE }));
  }
  if (type === "crm_currency") {
    return s.currencies?.map((c) => ({ id: c.CURRENCY, label: c.FULL_NAME ?? c.CURRENCY }));
  }
  if (type === "crm_category") {
    const fromStages = [
      ...new Set(s.statuses.map((r) => pipelineOf(r.ENTITY_ID)).filter((g) => g !== undefined)),
    ];
    return (
      s.categories?.categories.map((c) => ({ id: c.id, label: c.name })) ??
      fromStages.map((id) => ({ id, label: id }))
    );
  }
  if (type !== "crm_status") return undefined;
  if (entity === "deals" && code === "STAGE_ID") {
    return s.statuses
      .filter((r) => pipelineOf(r.ENTITY_ID) !== undefined)
      .map((r) => statusItem(r, true));
  }
  const staged = s.statusEntity === "STATUS";
  return s.statuses.filter((r) => r.ENTITY_ID === s.statusEntity).map((r) => statusItem(r, staged));
}
