/** Contract of `MigrationRepository`: records, lists, patches and control. */
import { describe, expect, it } from "vitest";
import type { MigrationPatch, MigrationStatus } from "../ports/index.js";
import type { ContractContext } from "./context.js";
import { expectError, newMigration } from "./context.js";

export function migrationsContract({ stores, clock }: ContractContext): void {
  describe("migrations", () => {
    it("create stores a draft with defaults; getById returns it", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      expect(created.id).toMatch(/.+/);
      expect(created).toEqual({
        id: created.id,
        customerId: "c1",
        chat: { channel: "telegram", chatId: "1001" },
        sourceConnectionId: "source-connection",
        targetConnectionId: "target-connection",
        route: "bitrix24->bitrix24",
        entities: [],
        mapping: null,
        options: {},
        status: "draft",
        control: "run",
        runs: 0,
        createdAt: clock.now(),
        updatedAt: clock.now(),
      });
      expect(await migrations.getById(created.id)).toEqual(created);
      expect(await migrations.getById("no-such-migration")).toBeNull();
    });

    it("create keeps entities, mapping and options", async () => {
      const mapping = { deals: { TITLE: "TITLE" } };
      const created = await stores().migrations.create(
        newMigration("c1", { entities: ["companies", "deals"], mapping, options: { pilot: 20 } }),
      );
      expect(created).toMatchObject({
        entities: ["companies", "deals"],
        mapping,
        options: { pilot: 20 },
      });
    });

    it("invalid migrations are invalid_input", async () => {
      const { migrations } = stores();
      await expectError(
        migrations.create(newMigration("c1", { route: "bitrix24" })),
        "invalid_input",
      );
      const badChat = newMigration("c1", { chat: { channel: "telegram", chatId: "" } });
      await expectError(migrations.create(badChat), "invalid_input");
      expect(await migrations.listByCustomer("c1")).toEqual([]);
    });

    it("listByCustomer is newest first, per customer, with a limit", async () => {
      const { migrations } = stores();
      const first = await migrations.create(newMigration("c1"));
      clock.advance();
      const other = await migrations.create(newMigration("c2"));
      clock.advance();
      const second = await migrations.create(newMigration("c1"));
      expect(await migrations.listByCustomer("c1")).toEqual([second, first]);
      expect(await migrations.listByCustomer("c1", { limit: 1 })).toEqual([second]);
      expect(await migrations.listByCustomer("c2")).toEqual([other]);
      expect(await migrations.listByCustomer("nobody")).toEqual([]);
      await expectError(migrations.listByCustomer("c1", { limit: 0 }), "invalid_input");
    });

    it("listByCustomer breaks createdAt ties by id, descending", async () => {
      const { migrations } = stores();
      const made = [];
      for (let i = 0; i < 4; i += 1) made.push(await migrations.create(newMigration("c1")));
      const expected = [...made].sort((a, b) => (a.id < b.id ? 1 : -1)).map((m) => m.id);
      expect((await migrations.listByCustomer("c1")).map((m) => m.id)).toEqual(expected);
    });

    it("listByStatus returns migrations in the given statuses, oldest first", async () => {
      const { migrations } = stores();
      const statuses: MigrationStatus[] = ["running", "draft", "queued", "completed"];
      const made = [];
      for (const status of statuses) {
        const m = await migrations.create(newMigration("c1"));
        made.push(await migrations.transition(m.id, ["draft"], status));
        clock.advance();
      }
      const found = await migrations.listByStatus(["queued", "running"]);
      expect(found.map((m) => m.status)).toEqual(["running", "queued"]);
      expect(found).toEqual([made[0], made[2]]);
      expect(await migrations.listByStatus(["queued", "running"], { limit: 1 })).toEqual([made[0]]);
      expect(await migrations.listByStatus([])).toEqual([]);
    });

    it("update sets patched fields and updatedAt, never status or control", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      const at = clock.advance();
      const lastError = {
        kind: "auth" as const,
        message: "token expired",
        at,
        side: "target" as const,
      };
      const patch = {
        entities: ["deals"],
        mapping: { deals: {} },
        options: { delta: true },
        lastError,
        progressMessageId: 77,
        report: { created: 10 },
        startedAt: at,
        status: "completed",
        control: "cancel",
      } as MigrationPatch;
      const updated = await migrations.update(created.id, patch);
      expect(updated).toEqual({
        ...created,
        entities: ["deals"],
        mapping: { deals: {} },
        options: { delta: true },
        lastError,
        progressMessageId: 77,
        report: { created: 10 },
        startedAt: at,
        updatedAt: at,
      });
      expect(await migrations.getById(created.id)).toEqual(updated);
    });

    it("update with null removes optional fields and stores a null mapping", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1", { mapping: { a: 1 } }));
      const at = clock.now();
      await migrations.update(created.id, {
        lastError: { kind: "transient", message: "timeout", at },
        progressMessageId: 5,
        report: { ok: true },
        finishedAt: at,
      });
      const later = clock.advance();
      const cleared = await migrations.update(created.id, {
        lastError: null,
        progressMessageId: null,
        report: null,
        finishedAt: null,
        mapping: null,
      });
      expect(cleared).toEqual({ ...created, mapping: null, updatedAt: later });
      expect(cleared).not.toHaveProperty("lastError");
      expect(await migrations.getById(created.id)).toEqual(cleared);
    });

    it("update of an unknown migration is not_found; a bad patch is invalid_input", async () => {
      const { migrations } = stores();
      await expectError(migrations.update("no-such-migration", { entities: [] }), "not_found");
      const created = await migrations.create(newMigration("c1"));
      const bad = { progressMessageId: 1.5 } as MigrationPatch;
      await expectError(migrations.update(created.id, bad), "invalid_input");
      expect(await migrations.getById(created.id)).toEqual(created);
    });

    it("setControl records the wanted state without touching status", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1"));
      const later = clock.advance();
      const paused = await migrations.setControl(created.id, "pause");
      expect(paused).toEqual({ ...created, control: "pause", updatedAt: later });
      expect((await migrations.getById(created.id))?.control).toBe("pause");
      await expectError(migrations.setControl("no-such-migration", "cancel"), "not_found");
      await expectError(migrations.setControl(created.id, "stop" as "run"), "invalid_input");
    });

    it("returns copies: changing a result does not change the stored migration", async () => {
      const { migrations } = stores();
      const created = await migrations.create(newMigration("c1", { entities: ["deals"] }));
      created.entities.push("leads");
      created.chat.chatId = "other";
      expect(await migrations.getById(created.id)).toMatchObject({
        entities: ["deals"],
        chat: { chatId: "1001" },
      });
    });
  });
}
