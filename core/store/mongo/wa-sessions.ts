/** WhatsApp sessions in MongoDB: `{ _id: key, data: JSON text, updatedAt }`. */
import type { Collection } from "mongodb";
import type { WaSessionRepository } from "../ports/index.js";
import { fromJsonText, toJsonText } from "../shared/json.js";
import type { WaSessionDoc } from "./docs.js";
import { upsertRetrying } from "./errors.js";

/** WhatsApp sessions over the `wa_sessions` collection. */
export function createMongoWaSessions(
  sessions: Collection<WaSessionDoc>,
  now: () => Date,
): WaSessionRepository {
  return {
    async read(key) {
      const doc = await sessions.findOne({ _id: key });
      return doc ? { key, data: fromJsonText(doc.data), updatedAt: doc.updatedAt } : null;
    },

    async write(key, data) {
      const text = toJsonText(data, "WhatsApp session data");
      const updatedAt = now();
      await upsertRetrying("wa_sessions", () =>
        sessions.updateOne({ _id: key }, { $set: { data: text, updatedAt } }, { upsert: true }),
      );
      return { key, data: fromJsonText(text), updatedAt };
    },

    async delete(key) {
      const result = await sessions.deleteOne({ _id: key });
      return result.deletedCount === 1;
    },
  };
}
