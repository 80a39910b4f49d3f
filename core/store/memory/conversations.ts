/** Conversation state in memory, as JSON text like the Mongo adapter. */
import type { ConversationStorage } from "../ports/index.js";
import { fromJsonText, toJsonText } from "../shared/json.js";

/** Conversation storage held in memory. */
export function createMemoryConversations(): ConversationStorage {
  const values = new Map<string, string>();
  return {
    async read(key) {
      const text = values.get(key);
      return text === undefined ? undefined : fromJsonText(text);
    },
    async write(key, value) {
      values.set(key, toJsonText(value, "Conversation state"));
    },
    async delete(key) {
      values.delete(key);
    },
  };
}
