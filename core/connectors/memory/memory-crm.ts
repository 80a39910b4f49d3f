/**
 * The data of the in-memory CRM: schemas, records with their origin stamps,
 * users. The connector in `memory-connector.ts` is the only API over it; tests
 * and the demo use this object directly to seed data and read it back, as a
 * person would look at a portal in the browser. Everything handed out is a
 * copy, so nobody changes stored state by reference.
 */
import { invalidInput, notFound } from "../../errors.js";
import type { EntityKind, FieldValue } from "../../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema, UserSummary } from "../../model/schema.js";
import { normalizeLabel } from "../../mapping/index.js";
import type { FieldSpec } from "../connector.js";
import { field } from "./schemas.js";

/** What the CRM keeps about the migration that created a record (Bitrix24 ORIGINATOR_ID / ORIGIN_ID). */
export interface OriginMark {
  tag: string;
  sourceId: string;
}

export interface StoredRecord {
  id: string;
  fields: Record<string, FieldValue>;
  origin: OriginMark | null;
  createdAt: string;
  updatedAt: string;
}

/** A record put straight into the CRM, bypassing validation (test data, demo data). */
export interface SeedRecord {
  fields: Record<string, FieldValue>;
  /** ISO-8601; default now. Lets delta tests place records before or after a run. */
  updatedAt?: string;
  createdAt?: string;
}

/** Ids compare as numbers, as Bitrix24's do. */
export const compareIds = (a: string, b: string): number => Number(a) - Number(b);

export class MemoryCrm {
  readonly #schemas = new Map<EntityKind, EntitySchema>();
  readonly #records = new Map<EntityKind, Map<string, StoredRecord>>();
  readonly #nextId = new Map<EntityKind, number>();
  readonly #users: UserSummary[];
  readonly #now: () => Date;
  #nextCode = 1;

  constructor(
    schemas: Partial<Record<EntityKind, EntitySchema>>,
    users: readonly UserSummary[],
    now: () => Date,
  ) {
    for (const [entity, schema] of Object.entries(schemas) as Array<[EntityKind, EntitySchema]>) {
      this.#schemas.set(entity, structuredClone(schema));
      this.#records.set(entity, new Map());
    }
    this.#users = structuredClone([...users]);
    this.#now = now;
  }

  get entities(): EntityKind[] {
    return [...this.#schemas.keys()];
  }

  get users(): UserSummary[] {
    return structuredClone(this.#users);
  }

  /** A copy of the entity's schema; `invalid_input` for an entity this CRM does not have. */
  schema(entity: EntityKind): EntitySchema {
    return structuredClone(this.#schemaOf(entity));
  }

  /** Puts records in as they are (no validation, no origin); returns their new ids in order. */
  seed(entity: EntityKind, records: readonly SeedRecord[]): string[] {
    return records.map((r) => {
      const stamp = r.updatedAt ?? this.#now().toISOString();
      return this.#store(entity, r.fields, null, r.createdAt ?? stamp, stamp).id;
    });
  }

  /** Creates a record (the connector validated it); `updatedAt` is now. */
  insert(
    entity: EntityKind,
    fields: Record<string, FieldValue>,
    origin: OriginMark | null,
  ): StoredRecord {
    const at = this.#now().toISOString();
    return this.#store(entity, fields, origin, at, at);
  }

  /** Changes fields of a record (null clears), as a user editing it would; `updatedAt` moves. */
  update(
    entity: EntityKind,
    id: string,
    fields: Record<string, FieldValue>,
    updatedAt?: string,
  ): StoredRecord {
    const record = this.#table(entity).get(id);
    if (!record) throw notFound(`${entity} ${id} not found`, { details: { entity, id } });
    Object.assign(record.fields, structuredClone(fields));
    record.updatedAt = updatedAt ?? this.#now().toISOString();
    return structuredClone(record);
  }

  delete(entity: EntityKind, id: string): boolean {
    return this.#table(entity).delete(id);
  }

  get(entity: EntityKind, id: string): StoredRecord | undefined {
    const record = this.#table(entity).get(id);
    return record === undefined ? undefined : structuredClone(record);
  }

  /** Every record of the entity in ascending id. */
  list(entity: EntityKind): StoredRecord[] {
    return structuredClone(
      [...this.#table(entity).values()].sort((a, b) => compareIds(a.id, b.id)),
    );
  }

  /** The custom field with the spec's label and type, created if there is none. */
  ensureField(entity: EntityKind, spec: FieldSpec): { field: FieldSchema; created: boolean } {
    const schema = this.#schemaOf(entity);
    const label = normalizeLabel(spec.label);
    const existing = schema.fields.find(
      (f) => f.custom && f.type === spec.type && normalizeLabel(f.label) === label,
    );
    if (existing) {
      for (const itemLabel of spec.items ?? [])
        this.ensureItem(entity, existing.code, { label: itemLabel });
      return { field: structuredClone(this.#fieldOf(entity, existing.code)), created: false };
    }
    const code = `UF_CRM_${1000 + this.#nextCode++}`;
    const created = field(code, spec.label, spec.type, spec.multiple, {
      custom: true,
      ...(spec.refEntity ? { refEntity: spec.refEntity } : {}),
      ...(spec.type === "enum" ? { items: [] } : {}),
    });
    schema.fields.push(created);
    for (const itemLabel of spec.items ?? []) this.ensureItem(entity, code, { label: itemLabel });
    return { field: structuredClone(this.#fieldOf(entity, code)), created: true };
  }

  /** The list item with this label (within `group` for stages), created if there is none. */
  ensureItem(
    entity: EntityKind,
    fieldCode: string,
    wanted: { label: string; group?: string; semantics?: EnumItem["semantics"] },
  ): { item: EnumItem; created: boolean } {
    const target = this.#fieldOf(entity, fieldCode);
    if (target.type !== "enum" && target.type !== "pipeline" && target.type !== "stage") {
      throw invalidInput(`${fieldCode} is not a list field`, {
        code: "not_a_list",
        details: { entity, fieldCode },
      });
    }
    if (target.type === "stage" && wanted.group !== undefined)
      this.#requirePipeline(entity, wanted.group);
    const list = (target.items ??= []);
    const label = normalizeLabel(wanted.label);
    const found = list.find((i) => normalizeLabel(i.label) === label && i.group === wanted.group);
    if (found) return { item: structuredClone(found), created: false };
    const n = this.#nextCode++;
    const itemId =
      target.type === "pipeline"
        ? String(n)
        : target.type === "stage"
          ? `${wanted.group && wanted.group !== "0" ? `C${wanted.group}:` : ""}STAGE_${n}`
          : String(n);
    const item: EnumItem = {
      id: itemId,
      label: wanted.label,
      ...(wanted.group !== undefined ? { group: wanted.group } : {}),
      ...(wanted.semantics !== undefined ? { semantics: wanted.semantics } : {}),
    };
    list.push(item);
    return { item: structuredClone(item), created: true };
  }

  #requirePipeline(entity: EntityKind, group: string): void {
    const pipeline = this.#schemaOf(entity).fields.find((f) => f.type === "pipeline");
    if (pipeline && !(pipeline.items ?? []).some((i) => i.id === group)) {
      throw invalidInput(`Pipeline ${group} does not exist`, {
        code: "unknown_pipeline",
        details: { entity, group },
      });
    }
  }

  #store(
    entity: EntityKind,
    fields: Record<string, FieldValue>,
    origin: OriginMark | null,
    createdAt: string,
    updatedAt: string,
  ) {
    const table = this.#table(entity);
    const next = this.#nextId.get(entity) ?? 1;
    this.#nextId.set(entity, next + 1);
    const record: StoredRecord = {
      id: String(next),
      fields: structuredClone(fields),
      origin,
      createdAt,
      updatedAt,
    };
    table.set(record.id, record);
    return structuredClone(record);
  }

  #schemaOf(entity: EntityKind): EntitySchema {
    const schema = this.#schemas.get(entity);
    if (!schema)
      throw invalidInput(`This CRM has no ${entity}`, {
        code: "unsupported_entity",
        details: { entity },
      });
    return schema;
  }

  #fieldOf(entity: EntityKind, code: string): FieldSchema {
    const found = this.#schemaOf(entity).fields.find((f) => f.code === code);
    if (!found)
      throw notFound(`${entity} has no field ${code}`, {
        code: "unknown_field",
        details: { entity, code },
      });
    return found;
  }

  #table(entity: EntityKind): Map<string, StoredRecord> {
    this.#schemaOf(entity);
    const table = this.#records.get(entity);
    if (!table) throw invalidInput(`This CRM has no ${entity}`, { details: { entity } });
    return table;
  }
}
