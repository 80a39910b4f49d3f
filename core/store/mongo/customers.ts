/** Customers in MongoDB; `upsertByChat` is one atomic upsert on the (channel, chatId) index. */
import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { chatRefSchema, customerPatchSchema, DEFAULT_LANGUAGE } from "../ports/index.js";
import type { CustomerRepository } from "../ports/index.js";
import { missing } from "../shared/errors.js";
import { splitPatch } from "../shared/patch.js";
import { parseInput } from "../shared/validate.js";
import type { CustomerDoc } from "./docs.js";
import { fromDoc } from "./docs.js";
import { upserted, upsertRetrying } from "./errors.js";

/** Customers over the `customers` collection. */
export function createMongoCustomers(
  customers: Collection<CustomerDoc>,
  now: () => Date,
): CustomerRepository {
  return {
    async getById(id) {
      const doc = await customers.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },

    async findByChat(channel, chatId) {
      const doc = await customers.findOne({ channel, chatId });
      return doc ? fromDoc(doc) : null;
    },

    async upsertByChat(channel, chatId, patch = {}) {
      const chat = parseInput(chatRefSchema, { channel, chatId }, "chat");
      const { set } = splitPatch(parseInput(customerPatchSchema, patch, "customer patch"));
      const at = now();
      const doc = await upsertRetrying("customers", () =>
        customers.findOneAndUpdate(
          { channel: chat.channel, chatId: chat.chatId },
          {
            $set: { ...set, updatedAt: at },
            $setOnInsert: {
              _id: randomUUID(),
              createdAt: at,
              ...(set.language === undefined ? { language: DEFAULT_LANGUAGE } : {}),
            },
          },
          { upsert: true, returnDocument: "after" },
        ),
      );
      return fromDoc(upserted(doc, "customers"));
    },

    async update(id, patch) {
      const { set } = splitPatch(parseInput(customerPatchSchema, patch, "customer patch"));
      const doc = await customers.findOneAndUpdate(
        { _id: id },
        { $set: { ...set, updatedAt: now() } },
        { returnDocument: "after" },
      );
      if (!doc) throw missing("Customer", id);
      return fromDoc(doc);
    },
  };
}
