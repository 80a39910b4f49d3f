/** WhatsApp sessions in memory, as JSON text like the Mongo adapter. */
import type { WaSessionRepository } from "../ports/index.js";
import { fromJsonText, toJsonText } from "../shared/json.js";

/** WhatsApp sessions held in memory. */
export function createMemoryWaSessions(now: () => Date): WaSessionRepository {
  const sessions = new Map<string, { text: string; updatedAt: number }>();
  return {
    async read(key) {
      const found = sessions.get(key);
      if (!found) return null;
      return { key, data: fromJsonText(found.text), updatedAt: new Date(found.updatedAt) };
    },
    async write(key, data) {
      const text = toJsonText(data, "WhatsApp session data");
      const updatedAt = now();
      sessions.set(key, { text, updatedAt: updatedAt.getTime() });
      return { key, data: fromJsonText(text), updatedAt };
    },
    async delete(key) {
      return sessions.delete(key);
    },
  };
}
