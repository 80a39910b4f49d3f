/** Customers: one per chat, found by the chat the bot is talking in. */
import { z } from "zod";
import { channelSchema, idSchema } from "./common.js";
import type { Channel } from "./common.js";

export const languageSchema = z.enum(["ru", "en"]);
export type Language = z.infer<typeof languageSchema>;

/** Language of a customer created without one. */
export const DEFAULT_LANGUAGE: Language = "ru";

export const customerSchema = z.object({
  id: idSchema,
  channel: channelSchema,
  chatId: z.string().min(1).max(128),
  language: languageSchema,
  displayName: z.string().max(256).optional(),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Customer = z.infer<typeof customerSchema>;

/** What a customer may change about themselves; unknown keys are dropped. */
export const customerPatchSchema = customerSchema
  .pick({ language: true, displayName: true })
  .partial();
export type CustomerPatch = z.infer<typeof customerPatchSchema>;

/** Customers by id and by chat (unique per channel + chat id). */
export interface CustomerRepository {
  /** The customer with this id, or null. */
  getById(id: string): Promise<Customer | null>;
  /** The customer behind a chat, or null. */
  findByChat(channel: Channel, chatId: string): Promise<Customer | null>;
  /** Atomically creates the chat's customer (language defaults to `DEFAULT_LANGUAGE`) or applies `patch`. */
  upsertByChat(channel: Channel, chatId: string, patch?: CustomerPatch): Promise<Customer>;
  /** Applies `patch`; `not_found` if there is no such customer. */
  update(id: string, patch: CustomerPatch): Promise<Customer>;
}
