/** CRM connections in memory. */
import { randomUUID } from "node:crypto";
import { connectionPatchSchema, newConnectionSchema } from "../ports/index.js";
import type { Connection, ConnectionRepository } from "../ports/index.js";
import { compareDates, compareText } from "../shared/order.js";
import { applyPatch, compact, splitPatch } from "../shared/patch.js";
import { missing } from "../shared/errors.js";
import { parseInput } from "../shared/validate.js";
import { MemoryCollection } from "./collection.js";

/** CRM connections held in memory. */
export function createMemoryConnections(now: () => Date): ConnectionRepository {
  const connections = new MemoryCollection<Connection>({ name: "connections", key: (c) => c.id });

  return {
    async create(input) {
      const data = parseInput(newConnectionSchema, input, "connection");
      const at = now();
      return connections.insert(
        compact({ id: randomUUID(), ...data, createdAt: at, updatedAt: at }),
      );
    },

    async getById(id) {
      return connections.get(id) ?? null;
    },

    async listByCustomer(customerId) {
      return connections
        .find((c) => c.customerId === customerId)
        .sort((a, b) => compareDates(a.createdAt, b.createdAt) || compareText(a.id, b.id));
    },

    async update(id, patch) {
      const split = splitPatch(parseInput(connectionPatchSchema, patch, "connection patch"));
      const existing = connections.get(id);
      if (!existing) throw missing("Connection", id);
      return connections.replace({ ...applyPatch(existing, split), updatedAt: now() });
    },

    async delete(id) {
      return connections.delete(id);
    },
  };
}
