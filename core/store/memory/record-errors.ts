/** Record errors in memory, one per (migrationId, entity, sourceId). */
import { randomUUID } from "node:crypto";
import type { RecordError, RecordErrorRepository } from "../ports/index.js";
import { compareText } from "../shared/order.js";
import { compact } from "../shared/patch.js";
import { checkLimit } from "../shared/validate.js";
import { keyOf } from "../shared/keys.js";
import { MemoryCollection } from "./collection.js";

/** Record errors held in memory. */
export function createMemoryRecordErrors(now: () => Date): RecordErrorRepository {
  const errors = new MemoryCollection<RecordError>({
    name: "record_errors",
    key: (e) => keyOf(e.migrationId, e.entity, e.sourceId),
  });

  return {
    async record(input) {
      const { migrationId, entity, sourceId, kind, code, message, path } = input;
      const at = now();
      const found = errors.get(keyOf(migrationId, entity, sourceId));
      return errors.replace(
        compact({
          id: found?.id ?? randomUUID(),
          migrationId,
          entity,
          sourceId,
          kind,
          code,
          message,
          path,
          attempts: (found?.attempts ?? 0) + 1,
          firstAt: found?.firstAt ?? at,
          at,
        }),
      );
    },

    async clear(migrationId, entity, sourceId) {
      return errors.delete(keyOf(migrationId, entity, sourceId));
    },

    async list(migrationId, { entity, limit, after }) {
      checkLimit(limit);
      return errors
        .find(
          (e) =>
            e.migrationId === migrationId &&
            (entity === undefined || e.entity === entity) &&
            (after === undefined || e.id > after),
        )
        .sort((a, b) => compareText(a.id, b.id))
        .slice(0, limit);
    },

    async count(migrationId, entity) {
      return errors.count(
        (e) => e.migrationId === migrationId && (entity === undefined || e.entity === entity),
      );
    },

    async deleteByMigration(migrationId) {
      return errors.deleteWhere((e) => e.migrationId === migrationId);
    },
  };
}
