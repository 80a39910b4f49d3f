/**
 * Discovery (DESIGN.md §1 step 3): how many records of each entity the
 * source holds, one `count` per entity (Bitrix24: `total` of a one-row list),
 * so the chat can show what there is to move before anything is chosen.
 */
import type { Connector } from "../connectors/connector.js";
import type { EntityKind } from "../model/canonical.js";
import { orderEntities } from "../model/plan.js";
import { attributeError } from "./side-errors.js";

export interface Discovery {
  /** The entities counted, in dependency order. */
  entities: EntityKind[];
  counts: Partial<Record<EntityKind, number>>;
}

export interface DiscoverOptions {
  /** Default: every entity the source can read. */
  entities?: readonly EntityKind[];
  /** The connection's label, named in errors (e.g. the portal host). */
  accountName?: string;
  signal?: AbortSignal;
}

/** Counts the source's records per entity; errors carry `details.side = "source"`. */
export async function discover(
  source: Connector,
  options: DiscoverOptions = {},
): Promise<Discovery> {
  const entities = orderEntities(
    (options.entities ?? source.entities).filter((e) => source.entities.includes(e)),
  );
  const counts: Partial<Record<EntityKind, number>> = {};
  const account = async () => options.accountName ?? source.system;
  for (const entity of entities) {
    try {
      counts[entity] = await source.count(entity, options.signal ? { signal: options.signal } : {});
    } catch (error) {
      throw await attributeError(error, "source", account);
    }
  }
  return { entities, counts };
}
