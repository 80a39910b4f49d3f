/**
 * Encrypts CRM credentials at rest with AES-256-GCM (DESIGN.md §4 "connections").
 *
 * A random 96-bit IV per message and the GCM tag make every blob authenticated:
 * a wrong key or a tampered blob is a clear `config` error, never garbage. The
 * optional `context` (e.g. the owning customer id) is bound as associated data,
 * so a blob copied onto another record does not decrypt there.
 */
import { createCipheriv, createDecipheriv, randomBytes } from "node:crypto";
import { z } from "zod";
import { configError } from "../errors.js";

export const sealedSecretSchema = z.object({
  v: z.literal(1),
  iv: z.string(),
  tag: z.string(),
  data: z.string(),
});
export type SealedSecret = z.infer<typeof sealedSecretSchema>;

export interface SecretBox {
  seal(plaintext: string, context?: string): SealedSecret;
  open(sealed: SealedSecret, context?: string): string;
  /** JSON convenience: credentials are objects. */
  sealJson(value: unknown, context?: string): SealedSecret;
  openJson(sealed: SealedSecret, context?: string): unknown;
}

const IV_BYTES = 12;

export function createSecretBox(key: Buffer): SecretBox {
  if (key.length !== 32) throw configError("ENCRYPTION_KEY must be 32 bytes for AES-256-GCM");

  function seal(plaintext: string, context = ""): SealedSecret {
    const iv = randomBytes(IV_BYTES);
    const cipher = createCipheriv("aes-256-gcm", key, iv);
    cipher.setAAD(Buffer.from(context, "utf8"));
    const data = Buffer.concat([cipher.update(plaintext, "utf8"), cipher.final()]);
    return {
      v: 1,
      iv: iv.toString("base64"),
      tag: cipher.getAuthTag().toString("base64"),
      data: data.toString("base64"),
    };
  }

  function open(sealed: SealedSecret, context = ""): string {
    try {
      const decipher = createDecipheriv("aes-256-gcm", key, Buffer.from(sealed.iv, "base64"));
      decipher.setAAD(Buffer.from(context, "utf8"));
      decipher.setAuthTag(Buffer.from(sealed.tag, "base64"));
      return Buffer.concat([
        decipher.update(Buffer.from(sealed.data, "base64")),
        decipher.final(),
      ]).toString("utf8");
    } catch (cause) {
      throw configError(
        "Stored credentials cannot be decrypted: ENCRYPTION_KEY differs from the key they were sealed with, or the record was altered",
        { code: "secret_undecryptable", cause },
      );
    }
  }

  return {
    seal,
    open,
    sealJson: (value, context) => seal(JSON.stringify(value), context),
    openJson: (sealed, context) => JSON.parse(open(sealed, context)) as unknown,
  };
}
