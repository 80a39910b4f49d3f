import { describe, expect, it } from "vitest";
import { createMemoryStores } from "../core/store/index.js";
import { csvCell, failuresCsv, reportFromStore } from "./report.js";

describe("report from the store", () => {
  it("escapes CSV cells and defuses spreadsheet formulas", () => {
    expect(csvCell("plain")).toBe("plain");
    expect(csvCell('say "hi", now')).toBe('"say ""hi"", now"');
    expect(csvCell("=HYPERLINK(1)")).toBe("'=HYPERLINK(1)");
    expect(csvCell("line\nbreak")).toBe('"line\nbreak"');
  });

  it("sums copy checkpoints and lists record errors", async () => {
    const stores = createMemoryStores();
    await stores.checkpoints.save({
      migrationId: "m",
      entity: "contacts",
      cursor: "9",
      read: 10,
      written: 8,
      failed: 2,
      skipped: 0,
      total: 20,
      done: false,
    });
    await stores.checkpoints.save({
      migrationId: "m",
      entity: "contacts",
      phase: "links",
      cursor: null,
      read: 99,
      written: 99,
      failed: 0,
      skipped: 0,
      total: null,
      done: false,
    });
    await stores.recordErrors.record({
      migrationId: "m",
      entity: "contacts",
      sourceId: "7",
      kind: "invalid_input",
      message: "bad phone, really",
      path: "fields.PHONE",
    });
    const report = await reportFromStore(stores, "m", { requests: 5, durationMs: null });
    expect(report.entities).toEqual([
      { entity: "contacts", read: 10, written: 8, failed: 2, skipped: 0, total: 20 },
    ]);
    expect(report.failuresCsv).toBe(
      'entity,source_id,kind,code,path,message,attempts\ncontacts,7,invalid_input,,fields.PHONE,"bad phone, really",1\n',
    );
    expect(await failuresCsv(stores, "other")).toBeNull();
  });

  it("cuts the CSV at the size limit", async () => {
    const stores = createMemoryStores();
    for (let i = 0; i < 20; i++) {
      await stores.recordErrors.record({
        migrationId: "m",
        entity: "deals",
        sourceId: String(i),
        kind: "conflict",
        message: "x".repeat(50),
      });
    }
    const csv = (await failuresCsv(stores, "m", 300))!;
    expect(csv.length).toBeLessThanOrEqual(300);
    expect(csv.split("\n").length).toBeGreaterThan(2);
  });
});
