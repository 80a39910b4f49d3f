/**
 * Secrets of the emulated portal: webhook codes, OAuth tokens, client secrets.
 * Shapes follow the real ones (lower-case letters and digits; 16 characters for a
 * webhook code, 32 for a token — docs:local-integrations/local-webhooks.md,
 * docs:settings/oauth/auto-renewal.md).
 */
import { createHash, randomBytes, timingSafeEqual } from "node:crypto";

const ALPHABET = "abcdefghijklmnopqrstuvwxyz0123456789";

/** A random string of `length` characters from `[a-z0-9]`. */
export function randomSecret(length: number): string {
  const bytes = randomBytes(length);
  let out = "";
  for (const byte of bytes) out += ALPHABET[byte % ALPHABET.length] ?? "a";
  return out;
}

/**
 * Constant-time string comparison. Both sides are hashed first so that neither the
 * content nor the length of the secret leaks through timing.
 */
export function safeEqual(given: string, expected: string): boolean {
  const a = createHash("sha256").update(given).digest();
  const b = createHash("sha256").update(expected).digest();
  return timingSafeEqual(a, b);
}
