/** Support tickets in MongoDB; messages are appended with `$push`, operator message ids with `$addToSet`. */
import { randomUUID } from "node:crypto";
import type { Collection, UpdateFilter } from "mongodb";
import { z } from "zod";
import { newTicketMessageSchema, newTicketSchema, ticketStatusSchema } from "../ports/index.js";
import type { Ticket, TicketRepository } from "../ports/index.js";
import { missing } from "../shared/errors.js";
import { checkLimit, parseInput } from "../shared/validate.js";
import type { TicketDoc } from "./docs.js";
import { orConflict } from "./errors.js";

const toTicket = ({ _id, operatorMessageIds: _ids, ...ticket }: TicketDoc): Ticket => ({
  id: _id,
  ...ticket,
});

/** Support tickets over the `tickets` collection. */
export function createMongoTickets(
  tickets: Collection<TicketDoc>,
  now: () => Date,
): TicketRepository {
  const change = async (id: string, update: UpdateFilter<TicketDoc>): Promise<Ticket> => {
    const doc = await tickets.findOneAndUpdate({ _id: id }, update, { returnDocument: "after" });
    if (!doc) throw missing("Ticket", id);
    return toTicket(doc);
  };

  return {
    async create(input) {
      const data = parseInput(newTicketSchema, input, "ticket");
      const at = now();
      const doc: TicketDoc = {
        _id: randomUUID(),
        ...data,
        status: "open",
        messages: [],
        operatorMessageIds: [],
        createdAt: at,
        updatedAt: at,
      };
      await orConflict("tickets", () => tickets.insertOne(doc));
      return toTicket(doc);
    },

    async getById(id) {
      const doc = await tickets.findOne({ _id: id });
      return doc ? toTicket(doc) : null;
    },

    async findByOperatorMessage(operatorMessageId) {
      const doc = await tickets.findOne(
        { operatorMessageIds: operatorMessageId },
        { sort: { createdAt: -1, _id: -1 } },
      );
      return doc ? toTicket(doc) : null;
    },

    async linkOperatorMessage(id, operatorMessageId) {
      const messageId = parseInput(z.number().int(), operatorMessageId, "operator message id");
      return change(id, {
        $set: { operatorMessageId: messageId, updatedAt: now() },
        $addToSet: { operatorMessageIds: messageId },
      });
    },

    async listOpen(options = {}) {
      checkLimit(options.limit);
      const docs = await tickets
        .find({ status: "open" })
        .sort({ createdAt: 1, _id: 1 })
        .limit(options.limit ?? 0)
        .toArray();
      return docs.map(toTicket);
    },

    async addMessage(id, message) {
      const { from, text, at } = parseInput(newTicketMessageSchema, message, "ticket message");
      const updatedAt = now();
      return change(id, {
        $push: { messages: { from, text, at: at ?? updatedAt } },
        $set: { updatedAt },
      });
    },

    async setStatus(id, status) {
      const wanted = parseInput(ticketStatusSchema, status, "ticket status");
      return change(id, { $set: { status: wanted, updatedAt: now() } });
    },
  };
}
