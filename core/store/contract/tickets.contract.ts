/** Contract of `TicketRepository`. */
import { describe, expect, it } from "vitest";
import type { NewTicket, TicketStatus } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

const ask = (question: string, customerId = "c1"): NewTicket => ({
  customerId,
  chat: { channel: "whatsapp", chatId: "79990001122" },
  question,
});

export function ticketsContract({ stores, clock }: ContractContext): void {
  describe("tickets", () => {
    it("create opens a ticket with no messages; getById returns it", async () => {
      const { tickets } = stores();
      const created = await tickets.create(ask("How long will 50k deals take?"));
      expect(created.id).toMatch(/.+/);
      expect(created).toEqual({
        id: created.id,
        ...ask("How long will 50k deals take?"),
        status: "open",
        messages: [],
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      expect(await tickets.getById(created.id)).toEqual(created);
      expect(await tickets.getById("no-such-ticket")).toBeNull();
    });

    it("an empty question is invalid_input", async () => {
      await expectError(stores().tickets.create(ask("")), "invalid_input");
      expect(await stores().tickets.listOpen()).toEqual([]);
    });

    it("linked operator messages find the ticket; the latest is operatorMessageId", async () => {
      const { tickets } = stores();
      const created = await tickets.create(ask("Q"));
      const other = await tickets.create(ask("Other"));
      await tickets.linkOperatorMessage(other.id, 900);
      const later = clock.advance();
      await tickets.linkOperatorMessage(created.id, 501);
      const linked = await tickets.linkOperatorMessage(created.id, 502);
      expect(linked).toEqual({ ...created, operatorMessageId: 502, updatedAt: later });
      expect((await tickets.findByOperatorMessage(501))?.id).toBe(created.id);
      expect(await tickets.findByOperatorMessage(502)).toEqual(linked);
      expect((await tickets.findByOperatorMessage(900))?.id).toBe(other.id);
      expect(await tickets.findByOperatorMessage(999)).toBeNull();
      await expectError(tickets.linkOperatorMessage("no-such-ticket", 1), "not_found");
    });

    it("findByOperatorMessage prefers the newest ticket if an id was reused", async () => {
      const { tickets } = stores();
      const old = await tickets.create(ask("old"));
      await tickets.linkOperatorMessage(old.id, 7);
      clock.advance();
      const fresh = await tickets.create(ask("new"));
      await tickets.linkOperatorMessage(fresh.id, 7);
      expect((await tickets.findByOperatorMessage(7))?.id).toBe(fresh.id);
    });

    it("addMessage appends in order, at now unless given", async () => {
      const { tickets } = stores();
      const created = await tickets.create(ask("Q"));
      const at = clock.advance();
      await tickets.addMessage(created.id, { from: "operator", text: "Hello!" });
      const sentAt = new Date(Date.parse("2026-03-02T08:00:00.000Z"));
      const updated = await tickets.addMessage(created.id, {
        from: "customer",
        text: "Thanks",
        at: sentAt,
      });
      expect(updated.messages).toEqual([
        { from: "operator", text: "Hello!", at },
        { from: "customer", text: "Thanks", at: sentAt },
      ]);
      expect(await tickets.getById(created.id)).toEqual(updated);
      const read = await tickets.getById(created.id);
      read?.messages.pop();
      const [open] = await tickets.listOpen();
      open?.messages.pop();
      expect((await tickets.getById(created.id))?.messages).toHaveLength(2);
    });

    it("addMessage checks the ticket and the message", async () => {
      const { tickets } = stores();
      const created = await tickets.create(ask("Q"));
      await expectError(
        tickets.addMessage("no-such-ticket", { from: "operator", text: "x" }),
        "not_found",
      );
      await expectError(
        tickets.addMessage(created.id, { from: "operator", text: "" }),
        "invalid_input",
      );
      expect((await tickets.getById(created.id))?.messages).toEqual([]);
    });

    it("setStatus changes the status; listOpen is the oldest-first queue of open tickets", async () => {
      const { tickets } = stores();
      const first = await tickets.create(ask("1"));
      clock.advance();
      const second = await tickets.create(ask("2", "c2"));
      clock.advance();
      const third = await tickets.create(ask("3"));
      const later = clock.advance();
      const answered = await tickets.setStatus(second.id, "answered");
      expect(answered).toEqual({ ...second, status: "answered", updatedAt: later });
      expect(await tickets.listOpen()).toEqual([first, third]);
      expect(await tickets.listOpen({ limit: 1 })).toEqual([first]);
      await tickets.setStatus(first.id, "closed");
      expect((await tickets.listOpen()).map((t) => t.id)).toEqual([third.id]);
      await expectError(tickets.setStatus("no-such-ticket", "closed"), "not_found");
      await expectError(tickets.setStatus(third.id, "lost" as TicketStatus), "invalid_input");
    });
  });
}
