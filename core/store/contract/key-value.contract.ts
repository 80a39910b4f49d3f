/** Contract of `ConversationStorage` and `WaSessionRepository`: JSON values by key. */
import { describe, expect, it } from "vitest";
import { typedConversationStorage } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError } from "./context.js";

const state = {
  version: [0, 3],
  state: {
    setup: [
      {
        args: "[]",
        interrupts: [1],
        replay: { send: [], receive: [{ update: { update_id: 5 } }] },
      },
    ],
  },
};

export function keyValueContract({ stores, clock }: ContractContext): void {
  describe("conversations", () => {
    it("read is undefined until written; write replaces; delete removes", async () => {
      const { conversations } = stores();
      expect(await conversations.read("42")).toBeUndefined();
      await conversations.write("42", state);
      expect(await conversations.read("42")).toEqual(state);
      await conversations.write("42", { version: [0, 4], state: {} });
      expect(await conversations.read("42")).toEqual({ version: [0, 4], state: {} });
      await conversations.delete("42");
      expect(await conversations.read("42")).toBeUndefined();
      await conversations.delete("42");
    });

    it("keys are separate", async () => {
      const { conversations } = stores();
      await conversations.write("1", "one");
      await conversations.write("2", ["two"]);
      expect(await conversations.read("1")).toBe("one");
      expect(await conversations.read("2")).toEqual(["two"]);
    });

    it("values round-trip through JSON and come back as copies", async () => {
      const { conversations } = stores();
      const value = { at: new Date(0), gone: undefined, nested: { n: 1, list: [null, true] } };
      await conversations.write("k", value);
      const read = (await conversations.read("k")) as { nested: { n: number } };
      expect(read).toEqual({
        at: "1970-01-01T00:00:00.000Z",
        nested: { n: 1, list: [null, true] },
      });
      expect(read).not.toHaveProperty("gone");
      read.nested.n = 2;
      expect(await conversations.read("k")).toMatchObject({ nested: { n: 1 } });
    });

    it("a value JSON cannot hold is invalid_input", async () => {
      const { conversations } = stores();
      await expectError(conversations.write("k", { big: 1n }), "invalid_input");
      await expectError(conversations.write("k", undefined), "invalid_input");
      expect(await conversations.read("k")).toBeUndefined();
    });

    it("a typed view reads and writes the same values", async () => {
      const typed = typedConversationStorage<typeof state>(stores().conversations);
      await typed.write("t", state);
      expect((await typed.read("t"))?.version).toEqual([0, 3]);
      await typed.delete("t");
      expect(await stores().conversations.read("t")).toBeUndefined();
    });
  });

  describe("waSessions", () => {
    it("read is null until written; write returns the session; delete reports", async () => {
      const { waSessions } = stores();
      expect(await waSessions.read("main")).toBeNull();
      const written = await waSessions.write("main", { zip: "UEsDBA==", wid: "7999@c.us" });
      expect(written).toEqual({
        key: "main",
        data: { zip: "UEsDBA==", wid: "7999@c.us" },
        updatedAt: clock.now(),
      });
      expect(await waSessions.read("main")).toEqual(written);
      const later = clock.advance();
      await waSessions.write("main", "v2");
      expect(await waSessions.read("main")).toEqual({ key: "main", data: "v2", updatedAt: later });
      expect(await waSessions.read("other")).toBeNull();
      expect(await waSessions.delete("main")).toBe(true);
      expect(await waSessions.delete("main")).toBe(false);
      expect(await waSessions.read("main")).toBeNull();
    });

    it("data JSON cannot hold is invalid_input", async () => {
      const { waSessions } = stores();
      const cyclic: Record<string, unknown> = {};
      cyclic.self = cyclic;
      await expectError(waSessions.write("main", cyclic), "invalid_input");
      expect(await waSessions.read("main")).toBeNull();
    });
  });
}
