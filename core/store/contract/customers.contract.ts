/** Contract of `CustomerRepository`. */
import { describe, expect, it } from "vitest";
import type { CustomerPatch } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

export function customersContract({ stores, clock }: ContractContext): void {
  describe("customers", () => {
    it("upsertByChat creates a customer with the default language, found by chat and by id", async () => {
      const { customers } = stores();
      const created = await customers.upsertByChat("telegram", "42");
      expect(created.id).toMatch(/.+/);
      expect(created).toEqual({
        id: created.id,
        channel: "telegram",
        chatId: "42",
        language: "ru",
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      expect(await customers.findByChat("telegram", "42")).toEqual(created);
      expect(await customers.getById(created.id)).toEqual(created);
    });

    it("upsertByChat applies the patch to a new customer", async () => {
      const created = await stores().customers.upsertByChat("whatsapp", "79990001122", {
        language: "en",
        displayName: "Anna",
      });
      expect(created).toMatchObject({ language: "en", displayName: "Anna", channel: "whatsapp" });
    });

    it("upsertByChat on an existing chat updates it and keeps id and createdAt", async () => {
      const { customers } = stores();
      const first = await customers.upsertByChat("telegram", "42", { displayName: "Anna" });
      const later = clock.advance();
      const second = await customers.upsertByChat("telegram", "42", { language: "en" });
      expect(second).toEqual({ ...first, language: "en", updatedAt: later });
    });

    it("concurrent upserts of one chat make one customer", async () => {
      const { customers } = stores();
      const all = await Promise.all(
        Array.from({ length: 8 }, () => customers.upsertByChat("console", "local")),
      );
      expect(new Set(all.map((c) => c.id)).size).toBe(1);
    });

    it("the same chat id on another channel is another customer", async () => {
      const { customers } = stores();
      const telegram = await customers.upsertByChat("telegram", "7");
      const whatsapp = await customers.upsertByChat("whatsapp", "7");
      expect(whatsapp.id).not.toBe(telegram.id);
      expect((await customers.findByChat("whatsapp", "7"))?.id).toBe(whatsapp.id);
    });

    it("unknown chats and ids are null", async () => {
      const { customers } = stores();
      await customers.upsertByChat("telegram", "1");
      expect(await customers.findByChat("telegram", "2")).toBeNull();
      expect(await customers.findByChat("console", "1")).toBeNull();
      expect(await customers.getById("no-such-customer")).toBeNull();
    });

    it("update changes only the patched fields and updatedAt", async () => {
      const { customers } = stores();
      const created = await customers.upsertByChat("telegram", "42", { displayName: "Anna" });
      const later = clock.advance();
      const updated = await customers.update(created.id, {
        language: "en",
        displayName: undefined,
      });
      expect(updated).toEqual({ ...created, language: "en", updatedAt: later });
      expect(await customers.getById(created.id)).toEqual(updated);
    });

    it("update ignores keys that are not patchable", async () => {
      const { customers } = stores();
      const created = await customers.upsertByChat("telegram", "42");
      const sneaky = { language: "en", chatId: "43", channel: "whatsapp" } as CustomerPatch;
      const updated = await customers.update(created.id, sneaky);
      expect(updated).toMatchObject({ channel: "telegram", chatId: "42", language: "en" });
      expect(await customers.findByChat("telegram", "43")).toBeNull();
    });

    it("update of an unknown customer is not_found", async () => {
      await expectError(
        stores().customers.update("no-such-customer", { language: "en" }),
        "not_found",
      );
    });

    it("invalid input is invalid_input and changes nothing", async () => {
      const { customers } = stores();
      const created = await customers.upsertByChat("telegram", "42");
      await expectError(customers.upsertByChat("telegram", ""), "invalid_input");
      await expectError(customers.upsertByChat("fax" as "telegram", "1"), "invalid_input");
      const bad = { language: "de" } as unknown as CustomerPatch;
      await expectError(customers.update(created.id, bad), "invalid_input");
      await expectError(customers.upsertByChat("telegram", "42", bad), "invalid_input");
      expect(await customers.getById(created.id)).toEqual(created);
    });

    it("returns copies: changing a result does not change the stored customer", async () => {
      const { customers } = stores();
      const created = await customers.upsertByChat("telegram", "42");
      created.language = "en";
      created.createdAt.setTime(0);
      const read = await customers.findByChat("telegram", "42");
      if (read) read.language = "en";
      const again = await customers.getById(created.id);
      if (again) again.displayName = "changed";
      expect(await customers.getById(created.id)).toEqual({
        ...created,
        language: "ru",
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
    });
  });
}
