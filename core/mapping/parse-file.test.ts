import { describe, expect, it } from "vitest";
import { MAX_MAPPING_FILE_CHARS, parseMappingFile } from "./parse-file.js";

const wrap = (fields: unknown[], extra: Record<string, unknown> = {}) =>
  JSON.stringify({
    version: 1,
    timeZones: { source: "Europe/Moscow", target: "Europe/Moscow" },
    users: { byId: {}, defaultTargetUserId: null },
    entities: { deals: { target: "deals", fields } },
    ...extra,
  });

const failure = (text: string) => {
  const result = parseMappingFile(text);
  if (result.ok) throw new Error("expected the file to be rejected");
  return result.problems;
};

describe("parseMappingFile", () => {
  it("reports broken JSON with its line and column, without throwing", () => {
    const [problem] = failure('{\n  "version": 1,\n  "entities": {,}\n}');
    expect(problem).toMatchObject({
      path: "",
      code: "invalid_json",
      severity: "error",
      params: { line: 3, column: 16 },
    });
  });

  it.each(["", "null", "[]", '"mapping"', "42"])("rejects %j as not a mapping", (text) => {
    expect(failure(text)[0]?.code).toMatch(/invalid_json|invalid_mapping/);
  });

  it("rejects a file that is too large", () => {
    expect(failure(" ".repeat(MAX_MAPPING_FILE_CHARS + 1))).toEqual([
      {
        path: "",
        code: "file_too_large",
        severity: "error",
        params: { limit: MAX_MAPPING_FILE_CHARS },
      },
    ]);
  });

  it("accepts a byte-order mark", () => {
    expect(parseMappingFile(`\uFEFF${wrap([])}`).ok).toBe(true);
  });

  it("points at every broken spot of an edited file with a JSON path", () => {
    const text = wrap(
      [
        { action: "map", source: "TITLE", target: { code: "TITLE" }, converter: { kind: "copy" } },
        {
          action: "map",
          source: "UF_CRM_1",
          target: { code: "UF_CRM_5" },
          converter: { kind: "enum_to_enum", valuMap: {}, onUnknown: "create" },
        },
        {
          action: "map",
          source: "STAGE_ID",
          target: { code: "STAGE_ID" },
          converter: { kind: "enum_to_enum", valueMap: { "C1:NEW": 5 }, onUnknown: "create" },
        },
        {
          action: "map",
          source: "X",
          target: { code: "Y" },
          converter: { kind: "string_to_enum", valueMap: {}, onUnknown: "default" },
        },
        { action: "map", source: "X", target: { code: "" }, converter: { kind: "teleport" } },
        { action: "rename", source: "X" },
      ],
      { timeZones: { source: "Europe/Moskva", target: "UTC" }, version: 2 },
    );
    const problems = failure(text);
    const at = (path: string) =>
      problems.filter((p) => p.path === path).map((p) => p.params?.issue);
    expect(at("version")).toEqual(["invalid_value"]);
    expect(at("timeZones.source")).toEqual(["custom"]);
    expect(at("entities.deals.fields[1].converter.valueMap")).toEqual(["invalid_type"]);
    expect(at("entities.deals.fields[1].converter")).toEqual(["unrecognized_keys"]);
    expect(
      problems.find(
        (p) =>
          p.path === "entities.deals.fields[1].converter" &&
          p.params?.issue === "unrecognized_keys",
      )?.params?.keys,
    ).toBe("valuMap");
    expect(at('entities.deals.fields[2].converter.valueMap["C1:NEW"]')).toEqual(["invalid_type"]);
    expect(at("entities.deals.fields[3].converter.defaultItemId")).toEqual(["custom"]);
    expect(at("entities.deals.fields[4].target.code")).toEqual(["too_small"]);
    expect(at("entities.deals.fields[4].converter.kind")).toEqual(["invalid_union"]);
    expect(at("entities.deals.fields[5].action")).toEqual(["invalid_union"]);
    expect(
      problems.find((p) => p.path === "entities.deals.fields[5].action")?.params?.allowed,
    ).toBe("map, skip, constant");
    expect(problems.every((p) => p.code === "invalid_mapping" && p.severity === "error")).toBe(
      true,
    );
  });

  it("rejects unknown entities and keys at the top", () => {
    const problems = failure(
      JSON.stringify({
        version: 1,
        timeZones: { source: "UTC", target: "UTC" },
        users: { byId: {}, defaultTargetUserId: null },
        entities: { dealz: {} },
        extra: 1,
      }),
    );
    expect(problems.map((p) => p.path)).toEqual(expect.arrayContaining(["", "entities"]));
  });
});
