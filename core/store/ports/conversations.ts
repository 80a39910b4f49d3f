/**
 * Storage for @grammyjs/conversations (its `StorageAdapter` shape), so chat
 * dialogs survive a restart of the bot.
 *
 * Values are stored as JSON text: both adapters round-trip exactly what
 * `JSON.stringify` keeps, and Mongo's rules on field names never apply to
 * Telegram updates inside the replay log.
 */
export interface ConversationStorage<T = unknown> {
  /** The value under `key`, or undefined. */
  read(key: string): Promise<T | undefined>;
  /** Stores `value` (must survive JSON) under `key`, replacing any previous one. */
  write(key: string, value: T): Promise<void>;
  /** Removes the value; no error if absent. */
  delete(key: string): Promise<void>;
}

/**
 * Views the storage as holding `T`: the only place the unchecked cast lives.
 * Safe when one writer owns the keys, as the conversations plugin does (it
 * checks its own version field on read).
 */
export function typedConversationStorage<T>(storage: ConversationStorage): ConversationStorage<T> {
  return {
    read: async (key) => (await storage.read(key)) as T | undefined,
    write: (key, value) => storage.write(key, value),
    delete: (key) => storage.delete(key),
  };
}
