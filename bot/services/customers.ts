/** The customer behind a chat: created on first use, language kept in step with the chat. */
import type { ChatRef, Customer, Stores } from "../../core/store/index.js";
import type { Language } from "../i18n.js";

export async function ensureCustomer(
  stores: Pick<Stores, "customers">,
  chat: ChatRef,
  language: Language,
  displayName?: string,
): Promise<Customer> {
  return stores.customers.upsertByChat(chat.channel, chat.chatId, {
    language,
    ...(displayName ? { displayName: displayName.slice(0, 256) } : {}),
  });
}
