/** Conversation state in MongoDB: `{ _id: key, value: JSON text, updatedAt }`. */
import type { Collection } from "mongodb";
import type { ConversationStorage } from "../ports/index.js";
import { fromJsonText, toJsonText } from "../shared/json.js";
import type { ConversationDoc } from "./docs.js";
import { upsertRetrying } from "./errors.js";

/** Conversation storage over the `conversations` collection. */
export function createMongoConversations(
  conversations: Collection<ConversationDoc>,
  now: () => Date,
): ConversationStorage {
  return {
    async read(key) {
      const doc = await conversations.findOne({ _id: key });
      return doc ? fromJsonText(doc.value) : undefined;
    },

    async write(key, value) {
      const text = toJsonText(value, "Conversation state");
      await upsertRetrying("conversations", () =>
        conversations.updateOne(
          { _id: key },
          { $set: { value: text, updatedAt: now() } },
          { upsert: true },
        ),
      );
    },

    async delete(key) {
      await conversations.deleteOne({ _id: key });
    },
  };
}
