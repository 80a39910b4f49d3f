import { describe, expect, it } from "vitest";
import type { ConnectionCheck } from "../connectors/connector.js";
import { MemoryConnector, createMemoryConnector } from "../connectors/memory/index.js";
import { isPereezdError } from "../errors.js";
import { createSecretBox } from "../security/secret-box.js";
import { createMemoryStores } from "../store/index.js";
import { prepareMigration, type PrepareMigrationInput } from "./index.js";

/** A portal whose webhook lacks the `user` scope. */
class WithoutUserScope extends MemoryConnector {
  override async check(signal?: AbortSignal): Promise<ConnectionCheck> {
    return { ...(await super.check(signal)), missingScopes: ["user"] };
  }
}

const box = createSecretBox(Buffer.alloc(32, 7));

function input(overrides: Partial<PrepareMigrationInput> = {}) {
  const stores = createMemoryStores();
  const side = (name: string) => ({
    system: "bitrix24" as const,
    settings: { auth: { mode: "webhook", url: `https://${name}/rest/1/secret-${name}/` } },
    connector: createMemoryConnector({ accountName: name }),
  });
  const base: PrepareMigrationInput = {
    stores,
    box,
    source: side("old.bitrix24.test"),
    target: side("new.bitrix24.test"),
    entities: ["deals", "companies"],
    chat: { channel: "console", chatId: "cli:test" },
    timeZone: "Europe/Moscow",
  };
  return { stores, input: { ...base, ...overrides } };
}

const nothingStored = async (stores: ReturnType<typeof createMemoryStores>) => {
  expect(await stores.customers.findByChat("console", "cli:test")).toBeNull();
  expect(await stores.migrations.listByStatus(["draft"])).toEqual([]);
};

describe("prepareMigration", () => {
  it("stores the customer, sealed connections and the migration with the proposed mapping", async () => {
    const { stores, input: given } = input();
    const { migration, connections, inspection } = await prepareMigration(given);
    expect(migration.entities).toEqual(["companies", "deals"]);
    expect(inspection.proposed).toBe(true);
    expect(Object.keys(inspection.mapping.entities).sort()).toEqual(["companies", "deals"]);
    expect(migration.mapping).toEqual(inspection.mapping);
    expect(connections.source.label).toBe("old.bitrix24.test");
    expect(JSON.stringify(connections.source)).not.toContain("secret-old");
    expect(box.openJson(connections.source.secret)).toEqual(given.source.settings);
    expect((await stores.migrations.getById(migration.id))?.status).toBe("draft");
  });

  it("refuses a mapping that names unknown fields, listing every problem, and stores nothing", async () => {
    const { input: first } = input();
    const { inspection } = await prepareMigration(first);
    const mapping = structuredClone(inspection.mapping);
    const rules = mapping.entities.deals!.fields.filter((f) => f.action === "map");
    rules[0]!.source = "UF_CRM_NOPE";
    rules[1]!.source = "UF_CRM_GONE";
    const { stores, input: given } = input({ mapping });
    const error = await prepareMigration(given).catch((e: unknown) => e);
    expect(isPereezdError(error, "invalid_input") && error.code).toBe("mapping_invalid");
    const problems = (error as { details: { problems: Array<{ params: { field: string } }> } })
      .details.problems;
    expect(problems.map((p) => p.params.field)).toEqual(
      expect.arrayContaining(["UF_CRM_NOPE", "UF_CRM_GONE"]),
    );
    await nothingStored(stores);
  });

  it("refuses credentials that lack a scope, naming the side, and stores nothing", async () => {
    const target = {
      system: "bitrix24" as const,
      settings: {},
      connector: new WithoutUserScope({ accountName: "new.bitrix24.test" }),
    };
    const { stores, input: given } = input({ target });
    const error = await prepareMigration(given).catch((e: unknown) => e);
    expect(isPereezdError(error, "auth")).toBe(true);
    expect(error).toMatchObject({ code: "missing_scopes", details: { side: "target" } });
    await nothingStored(stores);
  });

  it("refuses the same portal on both sides", async () => {
    const { stores, input: given } = input();
    const same = {
      ...given,
      target: {
        ...given.target,
        connector: createMemoryConnector({ accountName: "old.bitrix24.test" }),
      },
    };
    await expect(prepareMigration(same)).rejects.toMatchObject({ code: "same_account" });
    await nothingStored(stores);
  });
});
