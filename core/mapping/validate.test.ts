import { describe, expect, it } from "vitest";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import type { FieldRule, Mapping } from "./mapping-schema.js";
import { validateMapping } from "./validate.js";

const schemas = {
  sources: { deals: cloudDeals },
  targets: { deals: boxDeals },
  targetUsers: [{ id: "7", email: "a@acme.ru", name: "A", active: true }],
};

function mapping(
  fields: FieldRule[],
  users: Mapping["users"] = { byId: {}, defaultTargetUserId: null },
): Mapping {
  return {
    version: 1,
    timeZones: { source: "UTC", target: "UTC" },
    users,
    entities: { deals: { target: "deals", fields } },
  };
}

const required: FieldRule[] = [
  {
    action: "map",
    source: "ASSIGNED_BY_ID",
    target: { code: "ASSIGNED_BY_ID" },
    converter: { kind: "user_ref", onUnmatched: "default" },
  },
  { action: "constant", target: { code: "UF_CRM_13" }, value: "—" },
];

describe("validateMapping", () => {
  it("accepts a sound mapping", () => {
    expect(validateMapping(mapping(required), schemas)).toEqual([]);
  });

  it("reports every problem with the JSON path of the spot", () => {
    const broken = mapping(
      [
        {
          action: "map",
          source: "NO_SUCH",
          target: { code: "TITLE" },
          converter: { kind: "copy" },
        },
        { action: "map", source: "TITLE", target: { code: "NOPE" }, converter: { kind: "copy" } },
        {
          action: "map",
          source: "TYPE_ID",
          target: { code: "OPPORTUNITY" },
          converter: { kind: "number", decimalSeparator: "auto" },
        },
        {
          action: "map",
          source: "UF_CRM_1720019876534",
          target: { code: "UF_CRM_5" },
          converter: {
            kind: "enum_to_enum",
            valueMap: { "45": "101", "47": "999", "48": "102" },
            onUnknown: "default",
            defaultItemId: "998",
          },
        },
        {
          action: "map",
          source: "COMMENTS",
          target: { code: "TITLE" },
          converter: { kind: "text" },
        },
        {
          action: "map",
          source: "DATE_CREATE",
          target: { code: "DATE_CREATE" },
          converter: { kind: "copy" },
        },
        {
          action: "map",
          source: "UF_CRM_1720020133444",
          target: { create: { label: "КП", type: "string", multiple: false, code: "UF_CRM_6" } },
          converter: { kind: "copy" },
        },
        {
          action: "map",
          source: "UF_CRM_1720020055667",
          target: { code: "UF_CRM_5" },
          converter: { kind: "enum_to_enum", valueMap: {}, onUnknown: "skip" },
          collapse: { pick: "join", separator: ", " },
        },
        { action: "constant", target: { code: "OPENED" }, value: "Y" },
        {
          action: "map",
          source: "CONTACT_IDS",
          target: { code: "CONTACT_IDS" },
          converter: { kind: "entity_ref", entity: "companies", onUnresolved: "skip" },
        },
        { action: "skip", source: "GONE" },
      ],
      { byId: { "1": "7", "2": "404" }, defaultTargetUserId: "405" },
    );
    const problems = validateMapping(broken, schemas).map(
      (p) => `${p.severity} ${p.code} ${p.path}`,
    );
    expect(problems).toEqual([
      "error unknown_source_field entities.deals.fields[0].source",
      "error unknown_target_field entities.deals.fields[1].target.code",
      "error incompatible_converter entities.deals.fields[2].converter.kind",
      'error unknown_target_item entities.deals.fields[3].converter.valueMap["47"]',
      'warning unknown_source_item entities.deals.fields[3].converter.valueMap["48"]',
      "error unknown_target_item entities.deals.fields[3].converter.defaultItemId",
      "error duplicate_target entities.deals.fields[4].target.code",
      "error read_only_target entities.deals.fields[5].target.code",
      "error target_exists entities.deals.fields[6].target.create.code",
      "error incompatible_converter entities.deals.fields[7].collapse.pick",
      "error duplicate_target entities.deals.fields[7].target.code",
      "error bad_constant entities.deals.fields[8].value",
      "warning ref_entity_mismatch entities.deals.fields[9].converter.entity",
      "warning unknown_source_field entities.deals.fields[10].source",
      "error required_target_unmapped entities.deals.fields",
      "error required_target_unmapped entities.deals.fields",
      'error unknown_user users.byId["2"]',
      "error unknown_user users.defaultTargetUserId",
    ]);
  });

  it("allows several rules into one multiple field", () => {
    const phones = mapping([
      ...required,
      {
        action: "map",
        source: "CONTACT_IDS",
        target: { code: "CONTACT_IDS" },
        converter: { kind: "entity_ref", entity: "contacts", onUnresolved: "skip" },
      },
      {
        action: "map",
        source: "COMPANY_ID",
        target: { code: "CONTACT_IDS" },
        converter: { kind: "entity_ref", entity: "companies", onUnresolved: "skip" },
      },
    ]);
    expect(validateMapping(phones, schemas)).toEqual([]);
  });

  it("warns when a stage is sent to another pipeline than its pipeline's", () => {
    const stages = mapping([
      ...required,
      {
        action: "map",
        source: "CATEGORY_ID",
        target: { code: "CATEGORY_ID" },
        converter: { kind: "enum_to_enum", valueMap: { "1": "3" }, onUnknown: "error" },
      },
      {
        action: "map",
        source: "STAGE_ID",
        target: { code: "STAGE_ID" },
        converter: {
          kind: "enum_to_enum",
          valueMap: { "C1:NEW": "NEW", "C1:WON": "C3:WON" },
          onUnknown: "error",
        },
      },
    ]);
    expect(validateMapping(stages, schemas)).toEqual([
      {
        path: 'entities.deals.fields[3].converter.valueMap["C1:NEW"]',
        code: "stage_pipeline_mismatch",
        severity: "warning",
        params: { stage: "NEW", pipeline: "3" },
      },
    ]);
  });

  it("reports entities whose schema is unknown", () => {
    const other: Mapping = { ...mapping([]), entities: { leads: { target: "deals", fields: [] } } };
    expect(validateMapping(other, schemas)).toEqual([
      {
        path: "entities.leads",
        code: "unknown_entity",
        severity: "error",
        params: { side: "source", entity: "leads" },
      },
    ]);
  });
});
