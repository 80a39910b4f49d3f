/**
 * Types shared by several repositories: chat addresses, ids, error kinds.
 *
 * Schemas live here because these values arrive from outside (chat updates,
 * job data) and are checked once at the store boundary.
 */
import { z } from "zod";
import type { ErrorKind } from "../../errors.js";

/** A record id: a string we generate (`crypto.randomUUID()`), stored as `_id`. */
export const idSchema = z.string().min(1).max(128);

/** The chat channels a customer can reach the bot through. */
export const channelSchema = z.enum(["telegram", "whatsapp", "console"]);
export type Channel = z.infer<typeof channelSchema>;

/** One chat on one channel: where the bot answers a customer. */
export const chatRefSchema = z.object({
  channel: channelSchema,
  chatId: z.string().min(1).max(128),
});
export type ChatRef = z.infer<typeof chatRefSchema>;

const errorKinds = {
  auth: "auth",
  rate_limited: "rate_limited",
  transient: "transient",
  not_found: "not_found",
  conflict: "conflict",
  invalid_input: "invalid_input",
  config: "config",
} as const satisfies { [K in ErrorKind]: K };

/** `ErrorKind` from core/errors as a schema; `satisfies` keeps the two in step. */
export const errorKindSchema = z.enum(errorKinds);

/** What every adapter factory may be given; `now` makes timestamps testable. */
export interface StoreDeps {
  now?: () => Date;
}
