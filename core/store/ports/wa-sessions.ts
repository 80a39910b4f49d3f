/**
 * WhatsApp client sessions, so the bridge reconnects without a new QR scan.
 * Data is stored as JSON text in both adapters (binary data: base64 it first).
 */
export interface WaSession {
  key: string;
  data: unknown;
  updatedAt: Date;
}

/** WhatsApp sessions by key. */
export interface WaSessionRepository {
  /** The session under `key`, or null. */
  read(key: string): Promise<WaSession | null>;
  /** Stores `data` (must survive JSON) under `key`, replacing any previous one. */
  write(key: string, data: unknown): Promise<WaSession>;
  /** Removes the session; false if there was none. */
  delete(key: string): Promise<boolean>;
}
