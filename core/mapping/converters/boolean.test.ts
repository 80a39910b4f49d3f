import { describe, expect, it } from "vitest";
import { converterSchema, type ConverterOf } from "../mapping-schema.js";
import { convertBoolean } from "./boolean.js";
import { valueContext } from "./test-context.js";

// The schema's defaults are the lists users see in a downloaded file.
const conv = converterSchema.parse({ kind: "boolean" }) as ConverterOf<"boolean">;

describe("convertBoolean", () => {
  it.each([
    ["Y", true],
    ["N", false],
    ["1", true],
    ["0", false],
    [1, true],
    [0, false],
    ["да", true],
    ["Нет", false],
    [" YES ", true],
    ["no", false],
    [true, true],
    [false, false],
    ["Истина", true],
  ] as const)("%j → %s", (input, out) => {
    expect(convertBoolean(conv, input, valueContext("boolean"))).toEqual({
      values: [out],
      issues: [],
    });
  });

  it.each(["может быть", 2, "y e s"])("drops %j with bad_boolean", (input) => {
    expect(convertBoolean(conv, input, valueContext("boolean")).issues[0]?.code).toBe(
      "bad_boolean",
    );
  });

  it("reads a list item by its label first (item 1 may be labelled «Нет»)", () => {
    const sourceField = {
      code: "UF",
      label: "Согласие",
      type: "enum" as const,
      multiple: false,
      required: false,
      readOnly: false,
      custom: true,
      items: [
        { id: "1", label: "Нет" },
        { id: "2", label: "Да" },
      ],
    };
    const ctx = valueContext("boolean", { sourceField });
    expect(convertBoolean(conv, "1", ctx).values).toEqual([false]);
    expect(convertBoolean(conv, "2", ctx).values).toEqual([true]);
  });

  it("uses the converter's own lists", () => {
    const custom = { kind: "boolean" as const, trueValues: ["вкл"], falseValues: ["выкл"] };
    expect(convertBoolean(custom, "ВКЛ", valueContext("boolean")).values).toEqual([true]);
    expect(convertBoolean(custom, "Y", valueContext("boolean")).issues[0]?.code).toBe(
      "bad_boolean",
    );
  });
});
