/**
 * Per-record checks of the in-memory CRM, the way a real CRM refuses one
 * record of a batch and accepts the others: unknown or read-only fields,
 * required fields left empty, values of the wrong shape, list items, users and
 * linked records that do not exist, a stage outside the record's pipeline.
 * The first problem found is reported, with its path, as Bitrix24 reports one.
 */
import type { ErrorKind } from "../../errors.js";
import {
  ENTITY_KINDS,
  type EntityKind,
  type FieldValue,
  type ScalarValue,
} from "../../model/canonical.js";
import type { EntitySchema, FieldSchema } from "../../model/schema.js";
import type { MemoryCrm } from "./memory-crm.js";

export interface RecordRejection {
  kind: ErrorKind;
  code: string;
  message: string;
  path: string;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;
const KINDS: ReadonlySet<string> = new Set(ENTITY_KINDS);

const reject = (code: string, path: string, message: string): RecordRejection => ({
  kind: "invalid_input",
  code,
  path,
  message,
});

const isEmpty = (value: FieldValue | undefined) =>
  value === undefined ||
  value === null ||
  value === "" ||
  (Array.isArray(value) && value.length === 0);

const isObject = (value: ScalarValue): value is Exclude<ScalarValue, string | number | boolean> =>
  typeof value === "object" && value !== null;

/** A linked record's entity and id; a value may carry its entity ("contacts:12"). */
function refOf(
  value: string,
  fallback: EntityKind | undefined,
): { entity: EntityKind | undefined; id: string } {
  const colon = value.indexOf(":");
  const prefix = colon > 0 ? value.slice(0, colon) : "";
  return KINDS.has(prefix)
    ? { entity: prefix as EntityKind, id: value.slice(colon + 1) }
    : { entity: fallback, id: value };
}

function checkScalar(
  crm: MemoryCrm,
  f: FieldSchema,
  value: ScalarValue,
  path: string,
): RecordRejection | null {
  const bad = (expected: string) => reject("bad_value", path, `${f.code}: expected ${expected}`);
  switch (f.type) {
    case "string":
    case "text":
      return typeof value === "string" ? null : bad("text");
    case "number":
    case "integer":
      return typeof value === "number" && Number.isFinite(value) ? null : bad("a number");
    case "boolean":
      return typeof value === "boolean" ? null : bad("true or false");
    case "date":
      return typeof value === "string" && DATE.test(value) ? null : bad("YYYY-MM-DD");
    case "datetime":
      return typeof value === "string" && !Number.isNaN(Date.parse(value))
        ? null
        : bad("an ISO-8601 time");
    case "money":
      return isObject(value) && "amount" in value && "currency" in value
        ? null
        : bad("an amount with a currency");
    case "phones":
    case "emails":
    case "urls":
    case "ims":
      return isObject(value) && "value" in value && "kind" in value
        ? null
        : bad("a value with its kind");
    case "file":
      return isObject(value) && "name" in value ? null : bad("a file");
    case "enum":
    case "pipeline":
    case "stage":
      if (typeof value !== "string") return bad("an item id");
      return (f.items ?? []).some((i) => i.id === value)
        ? null
        : reject("unknown_item", path, `${f.code}: there is no item ${value}`);
    case "user_ref":
      if (typeof value !== "string") return bad("a user id");
      return crm.users.some((u) => u.id === value)
        ? null
        : reject("unknown_user", path, `${f.code}: no user ${value}`);
    case "entity_ref": {
      if (typeof value !== "string") return bad("a record id");
      const ref = refOf(value, f.refEntity);
      if (ref.entity === undefined || !crm.entities.includes(ref.entity)) return null;
      return crm.get(ref.entity, ref.id)
        ? null
        : reject("unknown_record", path, `${f.code}: there is no ${ref.entity} ${ref.id}`);
    }
  }
}

function checkStagePipeline(
  schema: EntitySchema,
  fields: Record<string, FieldValue>,
  existing: Record<string, FieldValue> | undefined,
): RecordRejection | null {
  const pipeline = schema.fields.find((f) => f.type === "pipeline");
  const stage = schema.fields.find((f) => f.type === "stage");
  if (!pipeline || !stage) return null;
  const stageId = fields[stage.code] ?? existing?.[stage.code];
  const pipelineId = fields[pipeline.code] ?? existing?.[pipeline.code] ?? "0";
  if (typeof stageId !== "string" || typeof pipelineId !== "string") return null;
  const group = stage.items?.find((i) => i.id === stageId)?.group;
  if (group === undefined || group === pipelineId) return null;
  return reject(
    "stage_pipeline_mismatch",
    `fields.${stage.code}`,
    `Stage ${stageId} is not in pipeline ${pipelineId}`,
  );
}

/** Why the CRM would refuse `fields`, or null; `existing` = the stored fields for an update. */
export function validateRecord(
  crm: MemoryCrm,
  entity: EntityKind,
  fields: Record<string, FieldValue>,
  existing?: Record<string, FieldValue>,
): RecordRejection | null {
  const schema = crm.schema(entity);
  for (const [code, value] of Object.entries(fields)) {
    const path = `fields.${code}`;
    const f = schema.fields.find((s) => s.code === code);
    if (!f) return reject("unknown_field", path, `${entity} has no field ${code}`);
    if (f.readOnly) return reject("read_only", path, `${code} cannot be written`);
    if (value === null) continue;
    if (Array.isArray(value) && !f.multiple)
      return reject("bad_value", path, `${code} holds one value`);
    const list = Array.isArray(value) ? value : [value];
    for (const [i, scalar] of list.entries()) {
      const problem = checkScalar(crm, f, scalar, Array.isArray(value) ? `${path}[${i}]` : path);
      if (problem) return problem;
    }
  }
  for (const f of schema.fields) {
    const value = Object.hasOwn(fields, f.code) ? fields[f.code] : existing?.[f.code];
    if (f.required && !f.readOnly && isEmpty(value)) {
      return reject("required_field", `fields.${f.code}`, `${f.label} (${f.code}) is required`);
    }
  }
  return checkStagePipeline(schema, fields, existing);
}
