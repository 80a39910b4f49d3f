/**
 * What both CRMs look like for the chosen entities — schemas on each side and
 * both user lists — and the mapping proposed from that. One way to do it for
 * the chat (bot/services/planning.ts, which asks between the steps) and for
 * `inspectPortals` (CLI, benchmark, tests, which take every answer at once).
 * Read-only: only `describe` and `listUsers` are called.
 */
import type { Connector } from "../connectors/connector.js";
import { isPereezdError, PereezdError } from "../errors.js";
import { proposeMapping, type MappingProposal, type MappingSchemas } from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import type { EntitySchema, UserSummary } from "../model/schema.js";

export type Side = "source" | "target";

export type PortalSchemas = MappingSchemas & {
  sourceUsers: UserSummary[];
  targetUsers: UserSummary[];
};

/** Runs `fn` and names the side in any `PereezdError` it throws. */
export async function onSide<T>(side: Side, fn: () => Promise<T>): Promise<T> {
  try {
    return await fn();
  } catch (error) {
    if (!isPereezdError(error) || error.details?.side !== undefined) throw error;
    throw new PereezdError(error.kind, error.message, {
      ...(error.code === undefined ? {} : { code: error.code }),
      ...(error.retryAfterMs === undefined ? {} : { retryAfterMs: error.retryAfterMs }),
      details: { ...error.details, side },
      cause: error,
    });
  }
}

/**
 * Describes `entities` (already in dependency order) on both sides; `targetOf`
 * names the target entity when a given mapping sends one elsewhere.
 */
export async function describePortals(
  source: Connector,
  target: Connector,
  entities: readonly EntityKind[],
  options: { targetOf?: (entity: EntityKind) => EntityKind; signal?: AbortSignal } = {},
): Promise<PortalSchemas> {
  const { signal } = options;
  const sources: Partial<Record<EntityKind, EntitySchema>> = {};
  const targets: Partial<Record<EntityKind, EntitySchema>> = {};
  for (const entity of entities) {
    const targetEntity = options.targetOf?.(entity) ?? entity;
    sources[entity] = await onSide("source", () => source.describe(entity, signal));
    targets[targetEntity] = await onSide("target", () => target.describe(targetEntity, signal));
  }
  const sourceUsers = await onSide("source", () => source.listUsers(signal));
  const targetUsers = await onSide("target", () => target.listUsers(signal));
  return { sources, targets, sourceUsers, targetUsers };
}

/**
 * The automatic mapping for `entities` over described portals; records of
 * unmatched users go to `adminUserIds` (the target connection's owner, when an admin).
 */
export function proposeFor(
  entities: readonly EntityKind[],
  schemas: PortalSchemas,
  timeZone: string,
  adminUserIds: readonly string[],
): MappingProposal {
  return proposeMapping({
    entities: entities.map((entity) => ({
      entity,
      source: schemas.sources[entity]!,
      target: schemas.targets[entity]!,
    })),
    timeZones: { source: timeZone, target: timeZone },
    sourceUsers: schemas.sourceUsers,
    targetUsers: schemas.targetUsers,
    adminUserIds: [...adminUserIds],
  });
}
