/**
 * The migration's confirmed mapping while a run uses it. Setup and the copy
 * add what they create in the target (field codes, item ids) and persist the
 * result on the migration at once, so a resumed run applies the same mapping
 * and never creates the same field or item twice.
 */
import { configError } from "../errors.js";
import { mappingSchema, type FieldRule, type Mapping } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { Migration } from "../store/ports/index.js";
import type { Stores } from "../store/stores.js";

export class MappingState {
  #current: Mapping;
  readonly #stores: Stores;
  readonly #migrationId: string;

  constructor(stores: Stores, migrationId: string, mapping: Mapping) {
    this.#stores = stores;
    this.#migrationId = migrationId;
    this.#current = mapping;
  }

  get current(): Mapping {
    return this.#current;
  }

  /** The field rules of a source entity. */
  rules(entity: EntityKind): FieldRule[] {
    return this.#current.entities[entity]?.fields ?? [];
  }

  /** The target entity a source entity is written to (amoCRM leads → Bitrix24 deals). */
  targetEntity(entity: EntityKind): EntityKind {
    return this.#current.entities[entity]?.target ?? entity;
  }

  /** Replaces the mapping and persists it; a no-op when nothing changed. */
  async update(next: Mapping): Promise<void> {
    if (next === this.#current) return;
    this.#current = next;
    await this.#stores.migrations.update(this.#migrationId, { mapping: next });
  }
}

/** The migration's mapping, checked: `config` if none was confirmed or an entity has no rules. */
export function loadMapping(migration: Migration, entities: readonly EntityKind[]): Mapping {
  if (migration.mapping === null || migration.mapping === undefined) {
    throw configError("The migration has no confirmed mapping", { code: "mapping_missing" });
  }
  const parsed = mappingSchema.safeParse(migration.mapping);
  if (!parsed.success) {
    throw configError("The stored mapping is not valid", {
      code: "mapping_invalid",
      details: { issues: parsed.error.issues.map((i) => `${i.path.join(".")}: ${i.message}`) },
    });
  }
  const missing = entities.filter((e) => parsed.data.entities[e] === undefined);
  if (missing.length > 0) {
    throw configError(`The mapping has no rules for ${missing.join(", ")}`, {
      code: "mapping_incomplete",
      details: { missing },
    });
  }
  return parsed.data;
}
