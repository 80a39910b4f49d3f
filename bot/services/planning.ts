/**
 * Discovery (the engine's `discover`) and the mapping proposal, run inline from the chat.
 *
 * Why inline and not as worker jobs: both are a handful of requests (one count
 * per entity; two describes per entity and one user list per side), and the
 * wizard needs their answer to ask its next question. Waiting for a job inside a
 * conversation would need a poll loop fed by chat updates. The long steps (pilot,
 * run, delta, rollback) always go through the worker. The connector's own HTTP
 * layer caps each request, so a slow portal answers with an error, not a hang.
 */
import type { Connector } from "../../core/connectors/connector.js";
import { discover } from "../../core/engine/index.js";
import type { Mapping } from "../../core/mapping/index.js";
import { CRM_ENTITIES, type EntityKind } from "../../core/model/canonical.js";
import { orderEntities } from "../../core/model/plan.js";
import { describePortals, proposeFor } from "../../core/service/index.js";
import type { Stores } from "../../core/store/index.js";
import type { ConnectionService } from "./connections.js";
import { attentionOf } from "./attention.js";
import { readPlanning, savePlanning } from "./planning-state.js";

export interface PlanningServiceDeps {
  stores: Pick<Stores, "migrations" | "connections">;
  connections: Pick<ConnectionService, "open">;
  /** IANA zone naive source times are read in and target times written in. */
  timeZone: string;
}

/** Counts per entity the source holds; JSON-safe. */
export type Discovery = Partial<Record<EntityKind, number>>;

export interface PlanningService {
  /** Counts what the source holds per entity and marks the migration discovered. */
  discover(migrationId: string): Promise<Discovery>;
  /** Describes both sides for `entities` and stores the proposed mapping as the draft. */
  propose(migrationId: string, entities: readonly EntityKind[]): Promise<void>;
}

async function connectorsOf(deps: PlanningServiceDeps, migrationId: string) {
  const migration = await deps.stores.migrations.getById(migrationId);
  if (migration === null) throw new Error(`migration ${migrationId} not found`);
  const [source, target] = await Promise.all([
    deps.connections.open(migration.sourceConnectionId),
    deps.connections.open(migration.targetConnectionId),
  ]);
  return { migration, source, target };
}

const supported = (source: Connector, target: Connector) =>
  CRM_ENTITIES.filter((e) => source.entities.includes(e) && target.entities.includes(e));

/** The target user who owns the connection, when an admin: records of unmatched users go to them. */
async function webhookAdmin(deps: PlanningServiceDeps, connectionId: string): Promise<string[]> {
  const meta = (await deps.stores.connections.getById(connectionId))?.meta;
  const user = meta?.user as { id?: unknown; isAdmin?: unknown } | undefined;
  return typeof user?.id === "string" && user.isAdmin === true ? [user.id] : [];
}

export function createPlanningService(deps: PlanningServiceDeps): PlanningService {
  return {
    async discover(migrationId) {
      const { source, target } = await connectorsOf(deps, migrationId);
      const { counts } = await discover(source, { entities: supported(source, target) });
      await savePlanning(deps.stores, migrationId, {
        counts,
        cost: { source: source.costModel, target: target.costModel },
      });
      await deps.stores.migrations.transition(migrationId, ["draft"], "discovered");
      return counts;
    },

    async propose(migrationId, chosen) {
      const { migration, source, target } = await connectorsOf(deps, migrationId);
      const entities = orderEntities(chosen);
      const schemas = await describePortals(source, target, entities);
      const planning = readPlanning(migration);
      const admin = await webhookAdmin(deps, migration.targetConnectionId);
      const proposal = proposeFor(entities, schemas, deps.timeZone, admin);
      const draft: Mapping = proposal.mapping;
      await deps.stores.migrations.update(migrationId, { entities });
      await savePlanning(deps.stores, migrationId, {
        ...planning,
        schemas: { sources: schemas.sources, targets: schemas.targets },
        targetUsers: schemas.targetUsers,
        attention: attentionOf(proposal.review),
        draft,
      });
    },
  };
}
