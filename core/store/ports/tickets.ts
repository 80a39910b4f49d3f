/**
 * Support tickets: a customer's question, relayed to the operators' chat, and
 * the replies that go back. An operator answers by replying to one of the
 * ticket's messages in the operators' chat, so tickets are found by those ids.
 */
import { z } from "zod";
import { chatRefSchema, idSchema } from "./common.js";

export const ticketStatusSchema = z.enum(["open", "answered", "closed"]);
export type TicketStatus = z.infer<typeof ticketStatusSchema>;

export const ticketMessageSchema = z.object({
  from: z.enum(["customer", "operator"]),
  text: z.string().min(1).max(4096),
  at: z.date(),
});
export type TicketMessage = z.infer<typeof ticketMessageSchema>;

export const ticketSchema = z.object({
  id: idSchema,
  customerId: idSchema,
  chat: chatRefSchema,
  question: z.string().min(1).max(4096),
  status: ticketStatusSchema,
  /** The latest message about this ticket in the operators' chat. */
  operatorMessageId: z.number().int().optional(),
  /** Follow-ups and replies after the question, oldest first. */
  messages: z.array(ticketMessageSchema),
  createdAt: z.date(),
  updatedAt: z.date(),
});
export type Ticket = z.infer<typeof ticketSchema>;

export const newTicketSchema = ticketSchema.pick({ customerId: true, chat: true, question: true });
/** Input of `create`: the ticket starts "open" with no messages. */
export type NewTicket = z.infer<typeof newTicketSchema>;

export const newTicketMessageSchema = ticketMessageSchema.extend({
  at: z.date().optional(),
});
/** Input of `addMessage`: `at` defaults to now. */
export type NewTicketMessage = z.infer<typeof newTicketMessageSchema>;

/** Support tickets. */
export interface TicketRepository {
  /** Opens a ticket. */
  create(input: NewTicket): Promise<Ticket>;
  /** The ticket with this id, or null. */
  getById(id: string): Promise<Ticket | null>;
  /** The ticket that any message linked with `linkOperatorMessage` belongs to (newest if several), or null. */
  findByOperatorMessage(operatorMessageId: number): Promise<Ticket | null>;
  /** Records a message posted in the operators' chat for this ticket; it becomes `operatorMessageId`. */
  linkOperatorMessage(id: string, operatorMessageId: number): Promise<Ticket>;
  /** Open tickets, oldest first: the operators' queue. */
  listOpen(options?: { limit?: number }): Promise<Ticket[]>;
  /** Appends a message; `not_found` if there is no such ticket. */
  addMessage(id: string, message: NewTicketMessage): Promise<Ticket>;
  /** Sets the status; `not_found` if there is no such ticket. */
  setStatus(id: string, status: TicketStatus): Promise<Ticket>;
}
