import { describe, expect, it } from "vitest";
import type { FieldSchema } from "../../model/schema.js";
import { convertEnumToEnum, convertEnumToString, convertStringToEnum } from "./enum.js";
import { valueContext } from "./test-context.js";

const regions = [
  { id: "201", label: "Москва" },
  { id: "202", label: "Санкт-Петербург" },
];
const toRegion = (onUnknown: "create" | "default" | "skip" | "error") =>
  ({
    kind: "string_to_enum",
    valueMap: { москва: "201", "санкт-петербург": "202", спб: "202", другой: null },
    onUnknown,
    ...(onUnknown === "default" ? { defaultItemId: "201" } : {}),
  }) as const;
const sourceField: FieldSchema = {
  code: "SOURCE_ID",
  label: "Источник",
  type: "enum",
  multiple: false,
  required: false,
  readOnly: false,
  custom: false,
  items: [
    { id: "CALL", label: "Звонок" },
    { id: "EMAIL", label: "E-Mail" },
  ],
};

describe("convertStringToEnum", () => {
  const ctx = valueContext("enum", { items: regions });
  it.each([
    ["Москва", "201"],
    ["  МОСКВА ", "201"],
    ["СПб", "202"],
  ])("%j → item %s", (input, id) => {
    expect(convertStringToEnum(toRegion("error"), input, ctx)).toEqual({
      values: [id],
      issues: [],
    });
  });

  it("drops a value mapped to null on purpose, silently", () => {
    expect(convertStringToEnum(toRegion("error"), "Другой", ctx)).toEqual({
      values: [],
      issues: [],
    });
  });

  it("does not find Object.prototype keys", () => {
    expect(convertStringToEnum(toRegion("skip"), "constructor", ctx).issues[0]?.code).toBe(
      "unknown_item",
    );
  });

  it.each([
    ["create", { values: [], issues: [], missing: { sourceKey: "казань", label: "Казань" } }],
    [
      "default",
      {
        values: ["201"],
        issues: [{ code: "unknown_item", params: { value: "Казань", defaulted: "201" } }],
      },
    ],
    ["skip", { values: [], issues: [{ code: "unknown_item", params: { value: "Казань" } }] }],
    [
      "error",
      {
        values: [],
        issues: [{ code: "unknown_item", severity: "error", params: { value: "Казань" } }],
      },
    ],
  ] as const)("unknown value with onUnknown=%s", (onUnknown, result) => {
    expect(convertStringToEnum(toRegion(onUnknown), " Казань", ctx)).toEqual(result);
  });
});

describe("convertEnumToEnum", () => {
  const conv = { kind: "enum_to_enum", valueMap: { CALL: "CALL" }, onUnknown: "create" } as const;

  it("maps by source item id, also numeric ids", () => {
    expect(convertEnumToEnum(conv, "CALL", valueContext("enum")).values).toEqual(["CALL"]);
    const numeric = {
      kind: "enum_to_enum",
      valueMap: { "45": "101" },
      onUnknown: "error",
    } as const;
    expect(convertEnumToEnum(numeric, 45, valueContext("enum")).values).toEqual(["101"]);
  });

  it("asks for a missing item with the source label", () => {
    expect(convertEnumToEnum(conv, "EMAIL", valueContext("enum", { sourceField }))).toEqual({
      values: [],
      issues: [],
      missing: { sourceKey: "EMAIL", label: "E-Mail" },
    });
  });

  it("cannot create an item whose label nobody knows", () => {
    expect(convertEnumToEnum(conv, "FAX", valueContext("enum", { sourceField })).issues).toEqual([
      { code: "unknown_item", severity: "error", params: { value: "FAX", reason: "no_label" } },
    ]);
  });

  it("refuses a stage from another pipeline than the record's", () => {
    const stages = [
      { id: "C3:NEW", label: "Новая", group: "3" },
      { id: "NEW", label: "Новая", group: "0" },
    ];
    const map = {
      kind: "enum_to_enum",
      valueMap: { "C1:NEW": "C3:NEW" },
      onUnknown: "error",
    } as const;
    expect(
      convertEnumToEnum(map, "C1:NEW", valueContext("stage", { items: stages, targetGroup: "3" }))
        .values,
    ).toEqual(["C3:NEW"]);
    expect(
      convertEnumToEnum(map, "C1:NEW", valueContext("stage", { items: stages, targetGroup: "0" }))
        .issues,
    ).toEqual([
      {
        code: "stage_pipeline_mismatch",
        severity: "error",
        params: { stage: "C3:NEW", pipeline: "0" },
      },
    ]);
  });
});

describe("convertEnumToString", () => {
  it("uses the converter's labels, then the source schema's", () => {
    const conv = { kind: "enum_to_string", labels: { CALL: "Входящий звонок" } } as const;
    const ctx = valueContext("string", { sourceField });
    expect(convertEnumToString(conv, "CALL", ctx).values).toEqual(["Входящий звонок"]);
    expect(convertEnumToString(conv, "EMAIL", ctx).values).toEqual(["E-Mail"]);
    expect(convertEnumToString(conv, "FAX", ctx).issues).toEqual([
      { code: "unknown_item", params: { value: "FAX" } },
    ]);
  });
});
