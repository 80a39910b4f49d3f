/**
 * Everything one run shares: the checked inputs, the mapping, the schemas
 * setup described, progress, and the two gates every step passes through —
 * `call` (connector errors get their side) and `stopReason` (pause, cancel,
 * quota between chunks).
 */
import type { OriginStamp } from "../connectors/connector.js";
import { configError } from "../errors.js";
import { entityKindSchema, type EntityKind } from "../model/canonical.js";
import { orderEntities } from "../model/plan.js";
import type { EntitySchema } from "../model/schema.js";
import { createEmitter, type Emitter } from "./events.js";
import { loadMapping, MappingState } from "./mapping-state.js";
import { ProgressTracker } from "./progress.js";
import { accountResolver, attributeError } from "./side-errors.js";
import { originTag, type EngineInput, type RunMode, type Side, type StopReason } from "./types.js";

/** Both sides' schema of one entity, as setup described them (target items grow during the run). */
export interface EntitySchemas {
  source: EntitySchema;
  target: EntitySchema;
}

export interface RunContext {
  readonly input: EngineInput;
  readonly migrationId: string;
  readonly mode: RunMode;
  readonly runId: string;
  /** The migration's entities in dependency order. */
  readonly entities: readonly EntityKind[];
  readonly origin: OriginStamp;
  readonly mapping: MappingState;
  readonly schemas: Map<EntityKind, EntitySchemas>;
  readonly progress: ProgressTracker;
  readonly emit: Emitter;
  /** Source counts learnt during this run, so an entity is counted once. */
  readonly totals: Map<EntityKind, number>;
  /** Runs a connector call; its `PereezdError`s come back with `details.side` and `details.account`. */
  call<T>(side: Side, run: () => Promise<T>): Promise<T>;
  /** Why the run must stop now (signal aborted, quota used up), or null to go on. */
  stopReason(): Promise<StopReason | null>;
  /** Both schemas of an entity; setup must have run. */
  schemasOf(entity: EntityKind): EntitySchemas;
}

/** The migration's entities, checked and in dependency order. */
export function migrationEntities(input: EngineInput): EntityKind[] {
  const parsed = input.migration.entities.map((e) => entityKindSchema.safeParse(e));
  const bad = input.migration.entities.filter((_, i) => !parsed[i]?.success);
  if (bad.length > 0)
    throw configError(`Unknown entities: ${bad.join(", ")}`, { code: "unknown_entity" });
  const entities = orderEntities(parsed.flatMap((p) => (p.success ? [p.data] : [])));
  if (entities.length === 0)
    throw configError("The migration has no entities chosen", { code: "no_entities" });
  return entities;
}

export function createRunContext(input: EngineInput, mode: RunMode, runId: string): RunContext {
  const { migration, stores } = input;
  const entities = migrationEntities(input);
  const mapping = new MappingState(stores, migration.id, loadMapping(migration, entities));
  for (const entity of entities) {
    if (!input.source.entities.includes(entity)) {
      throw configError(`The source cannot read ${entity}`, {
        code: "unsupported_entity",
        details: { side: "source", entity },
      });
    }
    const target = mapping.targetEntity(entity);
    if (!input.target.entities.includes(target)) {
      throw configError(`The target cannot write ${target}`, {
        code: "unsupported_entity",
        details: { side: "target", entity: target },
      });
    }
  }
  const account = accountResolver(stores, migration);
  const schemas = new Map<EntityKind, EntitySchemas>();
  return {
    input,
    migrationId: migration.id,
    mode,
    runId,
    entities,
    origin: { tag: originTag(migration.id) },
    mapping,
    schemas,
    progress: new ProgressTracker(
      { migrationId: migration.id, runId, mode },
      input.now,
      input.requestStats,
    ),
    emit: createEmitter(input.onProgress, input.onEvent, input.logger),
    totals: new Map(),
    async call(side, run) {
      try {
        return await run();
      } catch (error) {
        throw await attributeError(error, side, account);
      }
    },
    async stopReason() {
      if (input.signal.aborted) return "aborted";
      if (input.quota && (await input.quota.remaining()) <= 0) return "quota_reached";
      return null;
    },
    schemasOf(entity) {
      const found = schemas.get(entity);
      if (!found) throw configError(`Setup has not described ${entity}`, { code: "setup_missing" });
      return found;
    },
  };
}
