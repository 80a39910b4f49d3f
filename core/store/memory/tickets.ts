/** Support tickets in memory; linked operator messages are kept beside each ticket. */
import { randomUUID } from "node:crypto";
import { z } from "zod";
import { newTicketMessageSchema, newTicketSchema, ticketStatusSchema } from "../ports/index.js";
import type { Ticket, TicketRepository } from "../ports/index.js";
import { missing } from "../shared/errors.js";
import { compareDates, compareText, take } from "../shared/order.js";
import { checkLimit, parseInput } from "../shared/validate.js";
import { MemoryCollection } from "./collection.js";

/** What the Mongo document holds too: every operator message id ever linked. */
type StoredTicket = Ticket & { operatorMessageIds: number[] };

const toTicket = ({ operatorMessageIds: _ids, ...ticket }: StoredTicket): Ticket => ticket;
const oldestFirst = (a: Ticket, b: Ticket) =>
  compareDates(a.createdAt, b.createdAt) || compareText(a.id, b.id);

/** Support tickets held in memory. */
export function createMemoryTickets(now: () => Date): TicketRepository {
  const tickets = new MemoryCollection<StoredTicket>({ name: "tickets", key: (t) => t.id });

  const existing = (id: string): StoredTicket => {
    const found = tickets.get(id);
    if (!found) throw missing("Ticket", id);
    return found;
  };

  return {
    async create(input) {
      const data = parseInput(newTicketSchema, input, "ticket");
      const at = now();
      const ticket: StoredTicket = {
        id: randomUUID(),
        ...data,
        status: "open",
        messages: [],
        operatorMessageIds: [],
        createdAt: at,
        updatedAt: at,
      };
      return toTicket(tickets.insert(ticket));
    },

    async getById(id) {
      const found = tickets.get(id);
      return found ? toTicket(found) : null;
    },

    async findByOperatorMessage(operatorMessageId) {
      const found = tickets
        .find((t) => t.operatorMessageIds.includes(operatorMessageId))
        .sort((a, b) => oldestFirst(b, a));
      return found[0] ? toTicket(found[0]) : null;
    },

    async linkOperatorMessage(id, operatorMessageId) {
      const messageId = parseInput(z.number().int(), operatorMessageId, "operator message id");
      const ticket = existing(id);
      const ids = ticket.operatorMessageIds;
      if (!ids.includes(messageId)) ids.push(messageId);
      const linked = { ...ticket, operatorMessageId: messageId, updatedAt: now() };
      return toTicket(tickets.replace(linked));
    },

    async listOpen(options = {}) {
      checkLimit(options.limit);
      const open = tickets.find((t) => t.status === "open").sort(oldestFirst);
      return take(open, options.limit).map(toTicket);
    },

    async addMessage(id, message) {
      const { from, text, at } = parseInput(newTicketMessageSchema, message, "ticket message");
      const ticket = existing(id);
      const updatedAt = now();
      ticket.messages.push({ from, text, at: at ?? updatedAt });
      return toTicket(tickets.replace({ ...ticket, updatedAt }));
    },

    async setStatus(id, status) {
      const wanted = parseInput(ticketStatusSchema, status, "ticket status");
      return toTicket(tickets.replace({ ...existing(id), status: wanted, updatedAt: now() }));
    },
  };
}
