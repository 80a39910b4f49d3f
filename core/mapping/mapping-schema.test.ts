import { describe, expect, it } from "vitest";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import { mappingSchema, type Mapping } from "./mapping-schema.js";
import { parseMappingFile, serializeMapping } from "./parse-file.js";
import { proposeMapping } from "./propose-mapping.js";

const proposed = proposeMapping({
  entities: [{ entity: "deals", source: cloudDeals, target: boxDeals }],
  timeZones: { source: "Europe/Moscow", target: "Asia/Yekaterinburg" },
  sourceUsers: [{ id: "1", email: "a@acme.ru", name: "A", active: true }],
  targetUsers: [{ id: "7", email: "a@acme.ru", name: "A", active: true }],
  adminUserIds: ["7"],
}).mapping;

describe("mapping as JSON", () => {
  it("a proposed mapping is valid under the schema as it is", () => {
    expect(mappingSchema.parse(proposed)).toEqual(proposed);
  });

  it("survives download → upload unchanged", () => {
    const text = serializeMapping(proposed);
    expect(parseMappingFile(text)).toEqual({ ok: true, mapping: proposed });
    expect(JSON.parse(text)).toEqual(proposed);
  });

  it("fills defaults a user may leave out", () => {
    const minimal = {
      version: 1,
      timeZones: { source: "UTC", target: "UTC" },
      users: { byId: {}, defaultTargetUserId: null },
      entities: {
        deals: {
          target: "deals",
          fields: [
            {
              action: "map",
              source: "A",
              target: { code: "B" },
              converter: { kind: "number" },
              collapse: { pick: "join" },
            },
            { action: "map", source: "C", target: { code: "D" }, converter: { kind: "user_ref" } },
          ],
        },
      },
    };
    const parsed: Mapping = mappingSchema.parse(minimal);
    expect(parsed.entities.deals?.fields).toEqual([
      {
        action: "map",
        source: "A",
        target: { code: "B" },
        converter: { kind: "number", decimalSeparator: "auto" },
        collapse: { pick: "join", separator: ", " },
      },
      {
        action: "map",
        source: "C",
        target: { code: "D" },
        converter: { kind: "user_ref", onUnmatched: "default" },
      },
    ]);
  });
});
