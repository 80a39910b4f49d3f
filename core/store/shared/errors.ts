/** Errors both adapters raise with the same kind, code and details. */
import { conflict, notFound } from "../../errors.js";
import type { IdMapConflict } from "../ports/index.js";

/** `conflict`: the source record is already mapped to another target record. */
export function idMapConflict(c: IdMapConflict) {
  return conflict(
    `${c.entity} ${c.sourceId} of migration ${c.migrationId} is already mapped to another target record`,
    { code: "id_map_conflict", details: { ...c } },
  );
}

/** `not_found` for a record that should exist. */
export function missing(what: string, id: string) {
  return notFound(`${what} ${id} not found`, { details: { id } });
}
