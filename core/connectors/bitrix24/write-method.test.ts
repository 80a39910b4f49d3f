import { describe, expect, it } from "vitest";
import { nextBatch, pickWriteMethod, writeRoute } from "./write-method.js";

describe("which method a batch of writes goes out with", () => {
  it.each([
    // blocked methods (ms until free), method
    [{}, "legacy"],
    [{ "crm.deal.list": 9_000 }, "legacy"],
    [{ "crm.contact.add": 9_000 }, "item"],
    [{ "crm.contact.add": 9_000, "crm.item.add": 4_000 }, "item"],
    [{ "crm.contact.add": 4_000, "crm.item.add": 9_000 }, "legacy"],
    [{ "crm.contact.add": 4_000, "crm.item.add": 4_000 }, "legacy"],
    [{ "crm.item.add": 4_000 }, "legacy"],
    [{ "crm.contact.add": 0 }, "legacy"],
  ] as const)("blocked %j → %s", (blocked, method) => {
    expect(pickWriteMethod(blocked, "crm.contact.add", "crm.item.add")).toBe(method);
  });

  it("decides creates and updates apart", () => {
    expect(writeRoute({ "crm.deal.update": 1_000 }, "deal")).toEqual({
      add: "legacy",
      update: "item",
    });
  });

  it.each([
    // queue (x = sendable now, - = waits), limit, batch, rest
    ["xxxxx", 2, "01", "234"],
    ["-x-x-", 5, "13", "024"],
    ["-x-xx", 2, "13", "024"],
    ["---", 2, "01", "2"],
    ["", 2, "", ""],
  ] as const)("%s by %s → %s + %s", (queue, limit, batch, rest) => {
    const items = [...queue].map((flag, i) => ({ i, now: flag === "x" }));
    const next = nextBatch(items, limit, (item) => item.now);
    expect(next.batch.map((item) => item.i).join("")).toBe(batch);
    expect(next.rest.map((item) => item.i).join("")).toBe(rest);
  });
});
