import { describe, expect, it } from "vitest";
import type { CanonicalRecord } from "../model/canonical.js";
import { boxContacts, cloudContacts } from "./__fixtures__/bitrix24-contacts.js";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import { applyEntityMapping, type ApplyContext } from "./apply.js";
import type { FieldRule, MapRule } from "./mapping-schema.js";

const ctx: ApplyContext = {
  target: boxDeals,
  source: cloudDeals,
  users: { byId: {}, defaultTargetUserId: null },
  timeZones: { source: "Europe/Moscow", target: "Europe/Moscow" },
  resolveRef: () => undefined,
};
const deal = (fields: CanonicalRecord["fields"]): CanonicalRecord => ({
  entity: "deals",
  id: "42",
  fields,
});

describe("applyEntityMapping: cardinality and shared targets", () => {
  const multi = (collapse?: MapRule["collapse"]): FieldRule => ({
    action: "map",
    source: "UF_CRM_1720020055667",
    target: { code: "UF_CRM_5" },
    converter: { kind: "enum_to_enum", valueMap: { "60": "101", "61": "102" }, onUnknown: "skip" },
    ...(collapse ? { collapse } : {}),
  });
  const record = deal({ UF_CRM_1720020055667: ["60", "61"] });
  const only = {
    ...ctx,
    target: { entity: "deals" as const, fields: boxDeals.fields.filter((f) => !f.required) },
  };

  it("keeps the first of several values for a single target, warning unless `collapse` says so", () => {
    const implicit = applyEntityMapping(record, [multi()], only);
    expect(implicit.target.fields).toEqual({ UF_CRM_5: "101" });
    expect(implicit.problems).toMatchObject([
      {
        code: "values_dropped",
        path: "fields.UF_CRM_1720020055667",
        params: { kept: 1, dropped: 1 },
      },
    ]);
    const explicit = applyEntityMapping(record, [multi({ pick: "first", separator: ", " })], only);
    expect(explicit).toMatchObject({ target: { fields: { UF_CRM_5: "101" } }, problems: [] });
  });

  it("merges several sources into one multiple field without duplicates", () => {
    const rules: FieldRule[] = [
      {
        action: "map",
        source: "PHONE",
        target: { code: "PHONE" },
        converter: { kind: "phone", defaultCountry: "RU", format: "e164" },
      },
      {
        action: "map",
        source: "UF_CRM_1699000000002",
        target: { code: "PHONE" },
        converter: { kind: "phone", defaultCountry: "RU", format: "e164" },
      },
      { action: "map", source: "EMAIL", target: { code: "EMAIL" }, converter: { kind: "email" } },
    ];
    const contact: CanonicalRecord = {
      entity: "contacts",
      id: "1",
      fields: {
        PHONE: [
          { value: "8 916 123-45-67", kind: "MOBILE" },
          { value: "+7 (916) 123-45-67", kind: "MOBILE" },
        ],
        UF_CRM_1699000000002: "8 495 000 00 00, доб. 5; 8 (916) 1234567",
        EMAIL: [{ value: "A@B.RU", kind: "WORK" }, { value: "", kind: "WORK" }, null as never],
      },
    };
    const result = applyEntityMapping(contact, rules, {
      ...ctx,
      target: boxContacts,
      source: cloudContacts,
    });
    expect(result.target.fields).toEqual({
      PHONE: [
        { value: "+79161234567", kind: "MOBILE" },
        { value: "+74950000000", kind: "WORK" },
        { value: "доб. 5", kind: "WORK" },
      ],
      EMAIL: [{ value: "a@b.ru", kind: "WORK" }],
    });
    expect(result.problems.map((p) => `${p.code} ${p.path}`)).toEqual([
      "bad_phone fields.UF_CRM_1699000000002",
    ]);
  });

  it("never writes read-only fields and refuses fields not created yet", () => {
    const rules: FieldRule[] = [
      {
        action: "map",
        source: "UF_CRM_1720020155666",
        target: { code: "UF_CRM_14" },
        converter: { kind: "copy" },
      },
      {
        action: "map",
        source: "UF_CRM_1720020133444",
        target: { create: { label: "КП", type: "string", multiple: false } },
        converter: { kind: "copy" },
      },
    ];
    const result = applyEntityMapping(
      deal({ UF_CRM_1720020155666: 5, UF_CRM_1720020133444: "x" }),
      rules,
      only,
    );
    expect(result.target.fields).toEqual({});
    expect(result.problems.map((p) => `${p.severity} ${p.code} ${p.path}`)).toEqual([
      "warning read_only_target fields.UF_CRM_1720020155666",
      "error target_not_created fields.UF_CRM_1720020133444",
    ]);
  });
});
