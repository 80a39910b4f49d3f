/** Customers in memory, unique per (channel, chatId) like the Mongo index. */
import { randomUUID } from "node:crypto";
import { chatRefSchema, customerPatchSchema, DEFAULT_LANGUAGE } from "../ports/index.js";
import type { Customer, CustomerRepository } from "../ports/index.js";
import { applyPatch, compact, splitPatch } from "../shared/patch.js";
import { missing } from "../shared/errors.js";
import { parseInput } from "../shared/validate.js";
import { keyOf } from "../shared/keys.js";
import { MemoryCollection } from "./collection.js";

/** Customers held in memory. */
export function createMemoryCustomers(now: () => Date): CustomerRepository {
  const customers = new MemoryCollection<Customer>({
    name: "customers",
    key: (c) => c.id,
    unique: { channel_chatId: (c) => keyOf(c.channel, c.chatId) },
  });

  return {
    async getById(id) {
      return customers.get(id) ?? null;
    },

    async findByChat(channel, chatId) {
      return customers.findOne((c) => c.channel === channel && c.chatId === chatId) ?? null;
    },

    async upsertByChat(channel, chatId, patch = {}) {
      const chat = parseInput(chatRefSchema, { channel, chatId }, "chat");
      const split = splitPatch(parseInput(customerPatchSchema, patch, "customer patch"));
      const at = now();
      const existing = customers.findOne(
        (c) => c.channel === chat.channel && c.chatId === chat.chatId,
      );
      if (existing) return customers.replace({ ...applyPatch(existing, split), updatedAt: at });
      return customers.insert(
        compact({
          id: randomUUID(),
          ...chat,
          language: DEFAULT_LANGUAGE,
          ...split.set,
          createdAt: at,
          updatedAt: at,
        }),
      );
    },

    async update(id, patch) {
      const split = splitPatch(parseInput(customerPatchSchema, patch, "customer patch"));
      const existing = customers.get(id);
      if (!existing) throw missing("Customer", id);
      return customers.replace({ ...applyPatch(existing, split), updatedAt: now() });
    },
  };
}
