import { describe, expect, it } from "vitest";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import type { FieldRule } from "./mapping-schema.js";
import { proposeEntityMapping } from "./propose.js";
import { proposeMapping } from "./propose-mapping.js";
import { validateMapping } from "./validate.js";

const reserved = { reservedTargetCodes: ["ORIGINATOR_ID", "ORIGIN_ID"] };
const ruleFor = (rules: FieldRule[], source: string) =>
  rules.find((r) => r.action !== "constant" && r.source === source);

describe("proposeEntityMapping: Bitrix24 cloud → box deals", () => {
  const { rules, review } = proposeEntityMapping({
    entity: "deals",
    source: cloudDeals,
    target: boxDeals,
    options: reserved,
  });
  const reviewOf = (source: string) => review.filter((r) => r.source?.code === source);

  it("lists every source field exactly once", () => {
    expect(rules.map((r) => (r.action === "constant" ? "" : r.source))).toEqual(
      cloudDeals.fields.map((f) => f.code),
    );
  });

  it("matches system fields by code with a fitting converter", () => {
    expect(ruleFor(rules, "TITLE")).toEqual({
      action: "map",
      source: "TITLE",
      target: { code: "TITLE" },
      converter: { kind: "copy" },
    });
    expect(ruleFor(rules, "ASSIGNED_BY_ID")).toMatchObject({
      converter: { kind: "user_ref", onUnmatched: "default" },
    });
    expect(ruleFor(rules, "CONTACT_IDS")).toMatchObject({
      converter: { kind: "entity_ref", entity: "contacts" },
    });
    expect(reviewOf("TITLE")).toEqual([
      expect.objectContaining({ kind: "matched", reason: "same_code" }),
    ]);
  });

  it("never writes read-only or reserved target fields", () => {
    for (const code of [
      "ID",
      "DATE_CREATE",
      "ORIGINATOR_ID",
      "ORIGIN_ID",
      "UF_CRM_1720020155666",
    ]) {
      expect(ruleFor(rules, code)).toEqual({ action: "skip", source: code });
    }
    expect(reviewOf("DATE_CREATE")[0]).toMatchObject({
      kind: "skipped",
      reason: "target_read_only",
    });
    expect(reviewOf("ORIGIN_ID")[0]).toMatchObject({ kind: "skipped", reason: "target_reserved" });
    expect(reviewOf("UF_CRM_1720020155666")[0]).toMatchObject({
      kind: "skipped",
      reason: "target_read_only",
      target: { code: "UF_CRM_14" },
    });
  });

  it("matches custom fields by normalised label (case, spaces, ё/е) and their items too", () => {
    expect(ruleFor(rules, "UF_CRM_1720019876534")).toEqual({
      action: "map",
      source: "UF_CRM_1720019876534",
      target: { code: "UF_CRM_5" },
      converter: {
        kind: "enum_to_enum",
        valueMap: { "45": "101", "46": "102" },
        onUnknown: "create",
      },
    });
    expect(reviewOf("UF_CRM_1720019876534")).toEqual([
      expect.objectContaining({
        kind: "matched",
        reason: "same_label",
        counts: { matchedItems: 2, newItems: 1 },
      }),
      expect.objectContaining({
        kind: "create_items",
        reason: "new_items",
        items: [{ label: "Тендер" }],
      }),
    ]);
    expect(ruleFor(rules, "UF_CRM_1720019899001")).toMatchObject({
      target: { code: "UF_CRM_6" },
      converter: { kind: "copy" },
    });
  });

  it("fixes type mismatches with a converter", () => {
    expect(ruleFor(rules, "UF_CRM_1720020011223")).toMatchObject({
      target: { code: "UF_CRM_7" },
      converter: { kind: "datetime" },
    });
    expect(ruleFor(rules, "UF_CRM_1720020033445")).toMatchObject({
      target: { code: "UF_CRM_8" },
      converter: {
        kind: "string_to_enum",
        valueMap: { москва: "201", "санкт-петербург": "202" },
        onUnknown: "create",
      },
    });
    expect(ruleFor(rules, "UF_CRM_1720020055667")).toMatchObject({
      target: { code: "UF_CRM_9" },
      converter: {
        kind: "enum_to_string",
        labels: { "60": "CRM", "61": "Телефония", "62": "Сайт" },
      },
      collapse: { pick: "join", separator: ", " },
    });
    expect(reviewOf("UF_CRM_1720020033445")[0]).toMatchObject({
      kind: "converted",
      source: { type: "string" },
      target: { type: "enum" },
    });
  });

  it("maps pipelines by label and stages inside their mapped pipeline, falling back to semantics", () => {
    expect(ruleFor(rules, "CATEGORY_ID")).toMatchObject({
      converter: { valueMap: { "0": "0", "1": "3" } },
    });
    expect(ruleFor(rules, "STAGE_ID")).toMatchObject({
      converter: {
        valueMap: {
          NEW: "NEW",
          PREPARATION: "PREPARATION",
          WON: "WON",
          LOSE: "LOSE",
          "C1:NEW": "C3:NEW",
          "C1:WON": "C3:WON",
          "C1:LOSE": "C3:LOSE",
        },
        onUnknown: "create",
      },
    });
    expect(reviewOf("STAGE_ID")[1]).toMatchObject({
      kind: "create_items",
      items: [{ label: "Переговоры", group: "3" }],
    });
  });

  it("proposes creating custom fields that have no match, and reports required targets without a source", () => {
    expect(ruleFor(rules, "UF_CRM_1720020133444")).toEqual({
      action: "map",
      source: "UF_CRM_1720020133444",
      target: { create: { label: "Ссылка на КП", type: "string", multiple: false } },
      converter: { kind: "copy" },
    });
    expect(review).toContainEqual({
      kind: "missing_required_target",
      reason: "no_source",
      target: { code: "UF_CRM_13", label: "Код 1С", type: "string", multiple: false },
    });
  });

  it("yields a mapping whose only validation problem is the required field without a source", () => {
    const { mapping } = proposeMapping({
      entities: [{ entity: "deals", source: cloudDeals, target: boxDeals }],
      timeZones: { source: "UTC", target: "UTC" },
      options: reserved,
    });
    expect(
      validateMapping(mapping, { sources: { deals: cloudDeals }, targets: { deals: boxDeals } }),
    ).toEqual([
      {
        path: "entities.deals.fields",
        code: "required_target_unmapped",
        severity: "error",
        params: { field: "UF_CRM_13" },
      },
    ]);
  });
});
