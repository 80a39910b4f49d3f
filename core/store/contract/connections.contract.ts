/** Contract of `ConnectionRepository`. */
import { describe, expect, it } from "vitest";
import type { NewConnection } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError, newConnection, sealed } from "./context.js";

export function connectionsContract({ stores, clock }: ContractContext): void {
  describe("connections", () => {
    it("create stores an active connection with empty meta by default", async () => {
      const { connections } = stores();
      const created = await connections.create(newConnection("c1"));
      expect(created.id).toMatch(/.+/);
      expect(created).toEqual({
        id: created.id,
        customerId: "c1",
        system: "bitrix24",
        label: "example.bitrix24.ru",
        secret: sealed(),
        meta: {},
        status: "active",
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      expect(await connections.getById(created.id)).toEqual(created);
    });

    it("create keeps meta and an explicit status", async () => {
      const meta = { portal: "Example", scopes: ["crm", "task"], kind: "cloud" };
      const created = await stores().connections.create(
        newConnection("c1", { system: "amocrm", meta, status: "revoked" }),
      );
      expect(created).toMatchObject({ system: "amocrm", meta, status: "revoked" });
    });

    it("listByCustomer returns only that customer's connections, oldest first", async () => {
      const { connections } = stores();
      const first = await connections.create(newConnection("c1", { label: "a.example" }));
      clock.advance();
      await connections.create(newConnection("c2"));
      clock.advance();
      const third = await connections.create(newConnection("c1", { label: "b.example" }));
      expect(await connections.listByCustomer("c1")).toEqual([first, third]);
      expect(await connections.listByCustomer("nobody")).toEqual([]);
    });

    it("update replaces the secret after re-auth and bumps updatedAt", async () => {
      const { connections } = stores();
      const created = await connections.create(newConnection("c1"));
      const later = clock.advance();
      const updated = await connections.update(created.id, {
        secret: sealed("bmV3LXNlY3JldA=="),
        meta: { portal: "Renamed" },
      });
      expect(updated).toEqual({
        ...created,
        secret: sealed("bmV3LXNlY3JldA=="),
        meta: { portal: "Renamed" },
        updatedAt: later,
      });
      expect(await connections.getById(created.id)).toEqual(updated);
    });

    it("update can revoke; an unknown id is not_found", async () => {
      const { connections } = stores();
      const created = await connections.create(newConnection("c1"));
      expect((await connections.update(created.id, { status: "revoked" })).status).toBe("revoked");
      await expectError(connections.update("no-such-connection", { label: "x" }), "not_found");
    });

    it("delete removes the connection once", async () => {
      const { connections } = stores();
      const created = await connections.create(newConnection("c1"));
      expect(await connections.delete(created.id)).toBe(true);
      expect(await connections.getById(created.id)).toBeNull();
      expect(await connections.delete(created.id)).toBe(false);
      expect(await connections.listByCustomer("c1")).toEqual([]);
    });

    it("invalid connections are invalid_input and nothing is stored", async () => {
      const { connections } = stores();
      const noTag = { ...newConnection("c1"), secret: { v: 1, iv: "aXY=", data: "ZA==" } };
      await expectError(connections.create(noTag as NewConnection), "invalid_input");
      await expectError(connections.create(newConnection("c1", { label: "" })), "invalid_input");
      const badSystem = newConnection("c1", { system: "salesforce" as "jira" });
      await expectError(connections.create(badSystem), "invalid_input");
      expect(await connections.listByCustomer("c1")).toEqual([]);
    });

    it("returns copies: changing meta of a result does not change the store", async () => {
      const { connections } = stores();
      const created = await connections.create(newConnection("c1", { meta: { portal: "A" } }));
      created.meta.portal = "B";
      created.secret.data = "tampered";
      const stored = await connections.getById(created.id);
      expect(stored?.meta).toEqual({ portal: "A" });
      expect(stored?.secret).toEqual(sealed());
    });
  });
}
