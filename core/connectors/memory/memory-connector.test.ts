import { describe, expect, it } from "vitest";
import { isPereezdError, rateLimited } from "../../errors.js";
import { runConnectorContract } from "../contract/run-connector-contract.js";
import { memoryContractFixture } from "./contract-fixture.js";
import { createMemoryConnector } from "./memory-connector.js";

runConnectorContract("memory", () => memoryContractFixture());
runConnectorContract("memory (one record per page and per write)", () =>
  memoryContractFixture({ pageSize: 1, writeBatchSize: 1 }),
);

const tag = { tag: "pereezd:m" };

describe("memory connector", () => {
  it("counts one request per page and per write batch", async () => {
    const crm = createMemoryConnector({ pageSize: 2, writeBatchSize: 2 });
    crm.crm.seed(
      "companies",
      [1, 2, 3, 4, 5].map((i) => ({ fields: { TITLE: `C${i}` } })),
    );
    const pages = [];
    for await (const page of crm.read("companies", { cursor: null }))
      pages.push(page.records.length);
    expect(pages).toEqual([2, 2, 1]);
    await crm.write(
      "companies",
      [1, 2, 3].map((i) => ({ sourceId: `${i}`, fields: { TITLE: `N${i}` } })),
      tag,
    );
    expect(crm.stats.byOperation).toEqual({ read: 3, write: 2 });
    expect(crm.stats.requests).toBe(5);
  });

  it("refuses records per field: required, unknown item, unknown link, stage outside the pipeline", async () => {
    const crm = createMemoryConnector();
    const outcomes = await crm.write(
      "deals",
      [
        { sourceId: "a", fields: { STAGE_ID: "NEW" } },
        { sourceId: "b", fields: { TITLE: "B", STAGE_ID: "NOPE" } },
        { sourceId: "c", fields: { TITLE: "C", CONTACT_IDS: ["42"] } },
        { sourceId: "d", fields: { TITLE: "D", ASSIGNED_BY_ID: "99" } },
        { sourceId: "e", fields: { TITLE: "E", NO_SUCH_FIELD: "x" } },
        { sourceId: "f", fields: { TITLE: "F", STAGE_ID: "WON", ASSIGNED_BY_ID: "2" } },
      ],
      tag,
    );
    const errors = outcomes.map((o) =>
      o.ok ? "ok" : `${o.error.code ?? ""} ${o.error.path ?? ""}`,
    );
    expect(errors).toEqual([
      "required_field fields.TITLE",
      "unknown_item fields.STAGE_ID",
      "unknown_record fields.CONTACT_IDS[0]",
      "unknown_user fields.ASSIGNED_BY_ID",
      "unknown_field fields.NO_SUCH_FIELD",
      "ok",
    ]);
    const [pipeline] = await crm.ensureItems("deals", "CATEGORY_ID", [{ label: "Wholesale" }]);
    const [stage] = await crm.ensureItems("deals", "STAGE_ID", [
      { label: "Talks", group: pipeline!.id },
    ]);
    const mixed = await crm.write(
      "deals",
      [{ sourceId: "g", fields: { TITLE: "G", STAGE_ID: stage!.id } }],
      tag,
    );
    expect(mixed[0]).toMatchObject({ ok: false, error: { code: "stage_pipeline_mismatch" } });
    const fine = await crm.write(
      "deals",
      [{ sourceId: "h", fields: { TITLE: "H", CATEGORY_ID: pipeline!.id, STAGE_ID: stage!.id } }],
      tag,
    );
    expect(fine[0]?.ok).toBe(true);
  });

  it("a write fault can fail after the CRM applied the request (lost answer)", async () => {
    const crm = createMemoryConnector({ writeBatchSize: 2 });
    crm.faults.fail("write", { after: 1, applied: true });
    await crm.write("companies", [{ sourceId: "1", fields: { TITLE: "one" } }], tag);
    await expect(
      crm.write("companies", [{ sourceId: "2", fields: { TITLE: "two" } }], tag),
    ).rejects.toMatchObject({
      kind: "transient",
    });
    expect(crm.crm.list("companies").map((r) => r.origin?.sourceId)).toEqual(["1", "2"]);
    await crm.write("companies", [{ sourceId: "3", fields: { TITLE: "three" } }], tag);
    expect(crm.crm.list("companies")).toHaveLength(3);
  });

  it("a fault before the request leaves the CRM untouched and can carry any error", async () => {
    const crm = createMemoryConnector();
    crm.faults.fail("read", { error: rateLimited("slow down", 2000) });
    const read = async () => {
      for await (const _ of crm.read("companies", { cursor: null })) void _;
    };
    await expect(read()).rejects.toMatchObject({ kind: "rate_limited", retryAfterMs: 2000 });
    await expect(read()).resolves.toBeUndefined();
  });

  it("revoked credentials fail every call with auth until restored", async () => {
    const crm = createMemoryConnector();
    crm.faults.revokeAuth();
    const error: unknown = await crm.check().catch((e: unknown) => e);
    expect(isPereezdError(error, "auth")).toBe(true);
    await expect(crm.count("deals")).rejects.toMatchObject({ kind: "auth" });
    crm.faults.restoreAuth();
    await expect(crm.count("deals")).resolves.toBe(0);
  });

  it("stops at once when the signal is aborted", async () => {
    const crm = createMemoryConnector();
    const controller = new AbortController();
    controller.abort();
    await expect(crm.describe("deals", controller.signal)).rejects.toThrow();
    expect(crm.stats.requests).toBe(0);
  });

  it("links to a record in the portal's UI", () => {
    const crm = createMemoryConnector({ accountName: "acme.bitrix24.test" });
    expect(crm.recordUrl("deals", "17")).toBe("https://acme.bitrix24.test/crm/deal/details/17/");
    expect(crm.recordUrl("tasks", "17")).toBeNull();
  });
});
