/**
 * The mapping review's operations on the stored draft (planning-state.ts): show
 * an entity, list where a field can go, change it, hand out the draft as a file,
 * take an edited file back, and confirm. Every operation reads the migration
 * afresh, so a restarted bot carries on with exactly what the user saw.
 *
 * An uploaded file changes nothing unless it is valid as a whole: JSON, the
 * mapping schema (`parseMappingFile`), both portals' fields (`validateMapping`)
 * and the migration's entities. Problems come back with their JSON paths.
 */
import {
  parseMappingFile,
  serializeMapping,
  validateMapping,
  type Mapping,
  type MappingProblem,
} from "../../core/mapping/index.js";
import type { EntityKind, FieldType } from "../../core/model/canonical.js";
import type { Migration, Stores } from "../../core/store/index.js";
import {
  canCreate,
  changeRule,
  sourceOfRule,
  targetChoices,
  type EntitySchemas,
  type RuleChange,
} from "../flows/mapping/edit-rule.js";
import { entityReview, type EntityReview } from "../flows/mapping/review-view.js";
import { readPlanning, savePlanning, type Planning } from "./planning-state.js";

type MigrationStore = Pick<Stores, "migrations">;

/** Where a field can go: JSON-safe, the conversation stores it. */
export interface FieldOptions {
  source: { label: string; type: FieldType };
  choices: Array<{ code: string; label: string; type: FieldType }>;
  canCreate: boolean;
}

export type UploadOutcome =
  { ok: true; rules: number } | { ok: false; problems: MappingProblem[]; total: number };

/** Most problems one answer lists; the rest are counted. */
export const MAX_PROBLEMS_SHOWN = 15;

async function load(
  stores: MigrationStore,
  migrationId: string,
): Promise<{ migration: Migration; planning: Planning; draft: Mapping }> {
  const migration = await stores.migrations.getById(migrationId);
  if (migration === null) throw new Error(`migration ${migrationId} not found`);
  const planning = readPlanning(migration);
  if (planning.draft === null || planning.schemas === undefined)
    throw new Error(`migration ${migrationId} has no draft mapping`);
  return { migration, planning, draft: planning.draft };
}

function schemasOf(planning: Planning, entity: EntityKind): EntitySchemas {
  const source = planning.schemas?.sources[entity];
  const target = planning.schemas?.targets[entity];
  if (source === undefined || target === undefined) throw new Error(`no schemas for ${entity}`);
  return { source, target };
}

/** Every problem of `mapping` for this migration: the file's rules against both portals and the chosen entities. */
export function problemsOf(
  mapping: Mapping,
  planning: Planning,
  entities: readonly string[],
): MappingProblem[] {
  const problems = validateMapping(mapping, {
    sources: planning.schemas?.sources ?? {},
    targets: planning.schemas?.targets ?? {},
    ...(planning.targetUsers ? { targetUsers: planning.targetUsers } : {}),
  });
  for (const entity of entities) {
    if (mapping.entities[entity as EntityKind] === undefined) {
      problems.push({
        path: `entities.${entity}`,
        code: "unknown_entity",
        severity: "error",
        params: { side: "mapping", entity },
      });
    }
  }
  for (const entity of Object.keys(mapping.entities)) {
    if (!entities.includes(entity)) {
      problems.push({
        path: `entities.${entity}`,
        code: "unknown_entity",
        severity: "error",
        params: { side: "migration", entity },
      });
    }
  }
  return problems;
}

export function createReviewService(stores: MigrationStore) {
  return {
    async entity(migrationId: string, entity: EntityKind): Promise<EntityReview> {
      const { migration, planning, draft } = await load(stores, migrationId);
      const problems = problemsOf(draft, planning, migration.entities);
      return entityReview(
        draft,
        entity,
        schemasOf(planning, entity),
        planning.attention[entity] ?? [],
        problems,
      );
    },

    async fieldOptions(
      migrationId: string,
      entity: EntityKind,
      ruleIndex: number,
    ): Promise<FieldOptions | null> {
      const { planning, draft } = await load(stores, migrationId);
      const schemas = schemasOf(planning, entity);
      const source = sourceOfRule(draft.entities[entity]?.fields[ruleIndex], schemas.source);
      if (source === undefined) return null;
      return {
        source: { label: source.label, type: source.type },
        choices: targetChoices(source, schemas.target).map((f) => ({
          code: f.code,
          label: f.label,
          type: f.type,
        })),
        canCreate: canCreate(source),
      };
    },

    async change(
      migrationId: string,
      entity: EntityKind,
      ruleIndex: number,
      change: RuleChange,
    ): Promise<void> {
      const { planning, draft } = await load(stores, migrationId);
      const schemas = schemasOf(planning, entity);
      const next = changeRule(draft, entity, ruleIndex, change, schemas);
      const source = sourceOfRule(draft.entities[entity]?.fields[ruleIndex], schemas.source);
      const listed = new Set(planning.attention[entity] ?? []);
      if (source !== undefined) listed.add(source.code);
      await savePlanning(stores, migrationId, {
        draft: next,
        attention: { ...planning.attention, [entity]: [...listed] },
      });
    },

    async file(migrationId: string): Promise<string> {
      return serializeMapping((await load(stores, migrationId)).draft);
    },

    async upload(migrationId: string, text: string): Promise<UploadOutcome> {
      const { migration, planning, draft } = await load(stores, migrationId);
      const parsed = parseMappingFile(text);
      const problems = parsed.ok
        ? problemsOf(parsed.mapping, planning, migration.entities)
        : parsed.problems;
      const errors = problems.filter((p) => p.severity === "error");
      if (!parsed.ok || errors.length > 0) {
        return { ok: false, problems: errors.slice(0, MAX_PROBLEMS_SHOWN), total: errors.length };
      }
      const attention = { ...planning.attention };
      for (const [entity, em] of Object.entries(parsed.mapping.entities) as Array<
        [EntityKind, NonNullable<Mapping["entities"][EntityKind]>]
      >) {
        const before = draft.entities[entity]?.fields ?? [];
        const changed = em.fields.flatMap((rule, i) =>
          rule.action !== "constant" && JSON.stringify(rule) !== JSON.stringify(before[i])
            ? [rule.source]
            : [],
        );
        attention[entity] = [...new Set([...(attention[entity] ?? []), ...changed])];
      }
      await savePlanning(stores, migrationId, { draft: parsed.mapping, attention });
      return {
        ok: true,
        rules: Object.values(parsed.mapping.entities).reduce(
          (n, em) => n + (em?.fields.length ?? 0),
          0,
        ),
      };
    },

    /** Makes the draft the migration's mapping; refused (with the problems) while it has errors. */
    async confirm(migrationId: string): Promise<UploadOutcome> {
      const { migration, planning, draft } = await load(stores, migrationId);
      const errors = problemsOf(draft, planning, migration.entities).filter(
        (p) => p.severity === "error",
      );
      if (errors.length > 0)
        return { ok: false, problems: errors.slice(0, MAX_PROBLEMS_SHOWN), total: errors.length };
      await stores.migrations.update(migrationId, { mapping: draft });
      return { ok: true, rules: 0 };
    },
  };
}

export type ReviewService = ReturnType<typeof createReviewService>;
