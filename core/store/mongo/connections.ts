/** CRM connections in MongoDB; the sealed secret is stored as given. */
import { randomUUID } from "node:crypto";
import type { Collection } from "mongodb";
import { connectionPatchSchema, newConnectionSchema } from "../ports/index.js";
import type { ConnectionRepository } from "../ports/index.js";
import { missing } from "../shared/errors.js";
import { compact, splitPatch } from "../shared/patch.js";
import { parseInput } from "../shared/validate.js";
import type { ConnectionDoc } from "./docs.js";
import { fromDoc } from "./docs.js";
import { orConflict } from "./errors.js";

/** CRM connections over the `connections` collection. */
export function createMongoConnections(
  connections: Collection<ConnectionDoc>,
  now: () => Date,
): ConnectionRepository {
  return {
    async create(input) {
      const data = parseInput(newConnectionSchema, input, "connection");
      const at = now();
      const doc: ConnectionDoc = compact({
        _id: randomUUID(),
        ...data,
        createdAt: at,
        updatedAt: at,
      });
      await orConflict("connections", () => connections.insertOne(doc));
      return fromDoc(doc);
    },

    async getById(id) {
      const doc = await connections.findOne({ _id: id });
      return doc ? fromDoc(doc) : null;
    },

    async listByCustomer(customerId) {
      const docs = await connections.find({ customerId }).sort({ createdAt: 1, _id: 1 }).toArray();
      return docs.map(fromDoc);
    },

    async update(id, patch) {
      const { set } = splitPatch(parseInput(connectionPatchSchema, patch, "connection patch"));
      const doc = await connections.findOneAndUpdate(
        { _id: id },
        { $set: { ...set, updatedAt: now() } },
        { returnDocument: "after" },
      );
      if (!doc) throw missing("Connection", id);
      return fromDoc(doc);
    },

    async delete(id) {
      const result = await connections.deleteOne({ _id: id });
      return result.deletedCount === 1;
    },
  };
}
