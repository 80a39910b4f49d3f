import { describe, expect, it } from "vitest";
import type { CanonicalRecord } from "../model/canonical.js";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import { applyEntityMapping, type ApplyContext } from "./apply.js";
import type { FieldRule } from "./mapping-schema.js";
import { proposeEntityMapping } from "./propose.js";

const ids: Record<string, string> = {
  "contacts/5": "505",
  "contacts/7": "507",
  "companies/3": "303",
};
const ctx: ApplyContext = {
  target: boxDeals,
  source: cloudDeals,
  users: { byId: { "1": "11" }, defaultTargetUserId: "10" },
  timeZones: { source: "Europe/Moscow", target: "Asia/Yekaterinburg" },
  resolveRef: (entity, id) => ids[`${entity}/${id}`],
};
const deal = (fields: CanonicalRecord["fields"]): CanonicalRecord => ({
  entity: "deals",
  id: "42",
  fields,
});

describe("applyEntityMapping with a proposed mapping", () => {
  const { rules } = proposeEntityMapping({ entity: "deals", source: cloudDeals, target: boxDeals });
  // Fields still to be created are the engine's business (see created.test.ts).
  const existing = rules.filter((r) => !(r.action === "map" && "create" in r.target));
  const withCode: FieldRule[] = [
    ...existing,
    { action: "constant", target: { code: "UF_CRM_13" }, value: "42" },
  ];

  it("turns a clean cloud deal into a box deal", () => {
    const result = applyEntityMapping(
      deal({
        ID: "42",
        TITLE: "Поставка",
        OPPORTUNITY: 12500,
        CURRENCY_ID: "RUB",
        CATEGORY_ID: "1",
        STAGE_ID: "C1:WON",
        CONTACT_IDS: ["5", "7"],
        COMPANY_ID: "3",
        ASSIGNED_BY_ID: "1",
        DATE_CREATE: "2024-01-01T10:00:00+03:00",
        UF_CRM_1720019876534: "45",
        UF_CRM_1720020011223: "2024-04-23",
        UF_CRM_1720020033445: " москва ",
        UF_CRM_1720020055667: ["60", "62"],
        UF_CRM_1720020077889: true,
        UF_CRM_1720020111222: { amount: 100, currency: "USD" },
      }),
      withCode,
      ctx,
    );
    expect(result).toEqual({
      target: {
        sourceId: "42",
        fields: {
          TITLE: "Поставка",
          OPPORTUNITY: 12500,
          CURRENCY_ID: "RUB",
          CATEGORY_ID: "3",
          STAGE_ID: "C3:WON",
          CONTACT_IDS: ["505", "507"],
          COMPANY_ID: "303",
          ASSIGNED_BY_ID: "11",
          UF_CRM_5: "101",
          UF_CRM_7: "2024-04-23T02:00:00+05:00",
          UF_CRM_8: "201",
          UF_CRM_9: "CRM, Сайт",
          UF_CRM_10: true,
          UF_CRM_12: { amount: 100, currency: "USD" },
          UF_CRM_13: "42",
        },
      },
      problems: [],
      missingItems: [],
    });
  });
});

describe("applyEntityMapping reports every problem with its path", () => {
  const rules: FieldRule[] = [
    { action: "map", source: "TITLE", target: { code: "TITLE" }, converter: { kind: "copy" } },
    {
      action: "map",
      source: "OPPORTUNITY",
      target: { code: "OPPORTUNITY" },
      converter: { kind: "number", decimalSeparator: "auto" },
    },
    {
      action: "map",
      source: "CONTACT_IDS",
      target: { code: "CONTACT_IDS" },
      converter: { kind: "entity_ref", entity: "contacts", onUnresolved: "skip" },
    },
    {
      action: "map",
      source: "ASSIGNED_BY_ID",
      target: { code: "ASSIGNED_BY_ID" },
      converter: { kind: "user_ref", onUnmatched: "error" },
    },
    {
      action: "map",
      source: "UF_CRM_1720020011223",
      target: { code: "UF_CRM_7" },
      converter: { kind: "datetime" },
    },
    {
      action: "map",
      source: "UF_CRM_1720020055667",
      target: { code: "UF_CRM_5" },
      converter: { kind: "enum_to_enum", valueMap: { "60": "101" }, onUnknown: "skip" },
    },
    {
      action: "map",
      source: "COMMENTS",
      target: { code: "UF_CRM_6" },
      converter: { kind: "text", maxLength: 10 },
    },
  ];

  it("collects warnings and errors from many fields at once", () => {
    const { target, problems } = applyEntityMapping(
      deal({
        TITLE: "Сделка",
        OPPORTUNITY: "двенадцать",
        CONTACT_IDS: ["5", "6", "7"],
        ASSIGNED_BY_ID: "99",
        UF_CRM_1720020011223: "31.02.2024",
        UF_CRM_1720020055667: ["60", "61"],
        COMMENTS: "Очень длинный комментарий",
      }),
      rules,
      ctx,
    );
    expect(problems.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      "warning bad_number fields.OPPORTUNITY",
      "warning unresolved_ref fields.CONTACT_IDS[1]",
      "error unmatched_user fields.ASSIGNED_BY_ID",
      "error required_missing fields.ASSIGNED_BY_ID",
      "warning bad_date fields.UF_CRM_1720020011223",
      "warning unknown_item fields.UF_CRM_1720020055667[1]",
      "warning too_long fields.COMMENTS",
      "error required_missing target.UF_CRM_13",
    ]);
    expect(problems[1]).toEqual({
      path: "fields.CONTACT_IDS[1]",
      code: "unresolved_ref",
      severity: "warning",
      sourceField: "CONTACT_IDS",
      targetField: "CONTACT_IDS",
      params: { entity: "contacts", id: "6" },
    });
    expect(target.fields).toEqual({
      TITLE: "Сделка",
      CONTACT_IDS: ["505", "507"],
      UF_CRM_5: "101",
      UF_CRM_6: "Очень длин",
    });
  });

  it("turns every problem of a `required` rule into an error", () => {
    const strict: FieldRule[] = [{ ...rules[1]!, required: true } as FieldRule];
    const { problems } = applyEntityMapping(deal({ OPPORTUNITY: "1,234" }), strict, {
      ...ctx,
      target: { entity: "deals", fields: [] },
    });
    expect(problems.map((p) => `${p.severity} ${p.code}`)).toEqual(["error unknown_target_field"]);
    const { problems: onTarget } = applyEntityMapping(deal({ OPPORTUNITY: "1,234" }), strict, ctx);
    expect(
      onTarget.filter((p) => p.path === "fields.OPPORTUNITY").map((p) => `${p.severity} ${p.code}`),
    ).toEqual(["error ambiguous_number"]);
  });
});
