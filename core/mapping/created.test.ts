import { describe, expect, it } from "vitest";
import type { FieldSpec } from "../connectors/connector.js";
import type { CanonicalRecord } from "../model/canonical.js";
import type { EntitySchema, EnumItem, FieldSchema } from "../model/schema.js";
import { boxDeals, cloudDeals } from "./__fixtures__/bitrix24-deals.js";
import { applyEntityMapping, type ApplyResult } from "./apply.js";
import { fieldsToCreate, withCreatedFields, withCreatedItems } from "./created.js";
import type { Mapping } from "./mapping-schema.js";
import { parseMappingFile, serializeMapping } from "./parse-file.js";
import { proposeMapping } from "./propose-mapping.js";
import { validateMapping } from "./validate.js";

/** A stand-in for `Connector.ensureFields/ensureItems` over an in-memory target schema. */
function fakeTarget(initial: EntitySchema) {
  const schema: EntitySchema = structuredClone(initial);
  let next = 1000;
  return {
    schema,
    ensureItems(
      fieldCode: string,
      wanted: ReadonlyArray<{ label: string; group?: string; semantics?: EnumItem["semantics"] }>,
    ) {
      const field = schema.fields.find((f) => f.code === fieldCode)!;
      return wanted.map((w) => {
        const found = field.items?.find((i) => i.label === w.label && i.group === w.group);
        if (found) return found;
        const id = field.type === "stage" ? `C${w.group ?? "0"}:S${next++}` : String(next++);
        const item: EnumItem = {
          id,
          label: w.label,
          ...(w.group !== undefined ? { group: w.group } : {}),
        };
        (field.items ??= []).push(item);
        return item;
      });
    },
    ensureFields(specs: readonly FieldSpec[]): FieldSchema[] {
      return specs.map((spec) => {
        const field: FieldSchema = {
          code: `UF_CRM_${next++}`,
          label: spec.label,
          type: spec.type,
          multiple: spec.multiple,
          required: false,
          readOnly: false,
          custom: true,
          ...(spec.items
            ? { items: spec.items.map((label) => ({ id: String(next++), label })) }
            : {}),
        };
        schema.fields.push(field);
        return field;
      });
    },
  };
}

const context = (target: EntitySchema) => ({
  target,
  source: cloudDeals,
  users: { byId: { "5": "1" }, defaultTargetUserId: null },
  timeZones: { source: "Europe/Moscow", target: "Europe/Moscow" },
  resolveRef: () => undefined,
});

const record: CanonicalRecord = {
  entity: "deals",
  id: "77",
  fields: {
    TITLE: "Опт",
    ASSIGNED_BY_ID: "5",
    CATEGORY_ID: "1",
    STAGE_ID: "C1:NEGOTIATION",
    UF_CRM_1720019876534: "47",
  },
};

describe("the create-missing-items flow", () => {
  // The box portal has no wholesale pipeline yet: pipeline, then its stage, must be created.
  const box: EntitySchema = {
    entity: "deals",
    fields: boxDeals.fields
      .filter((f) => f.code !== "UF_CRM_13")
      .map((f) =>
        f.items ? { ...f, items: f.items.filter((i) => i.id !== "3" && i.group !== "3") } : f,
      ),
  };

  it("creates pipelines first, then their stages, and re-applies until nothing is missing", () => {
    const target = fakeTarget(box);
    let { mapping } = proposeMapping({
      entities: [{ entity: "deals", source: cloudDeals, target: box }],
      timeZones: { source: "UTC", target: "UTC" },
    });
    // Setup: custom fields first (here "Ссылка на КП")…
    const wanted = fieldsToCreate(mapping, "deals");
    const fields = target.ensureFields(wanted.map((w) => w.spec));
    mapping = withCreatedFields(
      mapping,
      "deals",
      wanted.map((w, i) => ({ ruleIndex: w.ruleIndex, field: fields[i]! })),
      cloudDeals,
    );
    // …then records, creating list items as they turn up.
    const rounds: ApplyResult["missingItems"][] = [];
    let result = applyEntityMapping(record, mapping.entities.deals!.fields, context(target.schema));
    while (result.missingItems.length > 0 && rounds.length < 5) {
      rounds.push(result.missingItems);
      const created = result.missingItems.map((m) => ({
        ...m,
        item: target.ensureItems(m.fieldCode, [m])[0]!,
      }));
      mapping = withCreatedItems(mapping, "deals", created);
      result = applyEntityMapping(record, mapping.entities.deals!.fields, context(target.schema));
    }
    expect(rounds).toEqual([
      [
        { fieldCode: "CATEGORY_ID", sourceCode: "CATEGORY_ID", sourceKey: "1", label: "Опт" },
        {
          fieldCode: "UF_CRM_5",
          sourceCode: "UF_CRM_1720019876534",
          sourceKey: "47",
          label: "Тендер",
        },
      ],
      [
        {
          fieldCode: "STAGE_ID",
          sourceCode: "STAGE_ID",
          sourceKey: "C1:NEGOTIATION",
          label: "Переговоры",
          group: "1001",
          semantics: "process",
        },
      ],
    ]);
    expect(result.problems).toEqual([]);
    expect(result.target.fields).toMatchObject({
      CATEGORY_ID: "1001",
      STAGE_ID: "C1001:S1003",
      UF_CRM_5: "1002",
    });

    // What was created is in the mapping for good: it survives download/upload and validates.
    const stage = mapping.entities.deals!.fields.find(
      (r) => r.action === "map" && r.source === "STAGE_ID",
    );
    expect(stage).toMatchObject({ converter: { valueMap: { "C1:NEGOTIATION": "C1001:S1003" } } });
    const reloaded = parseMappingFile(serializeMapping(mapping));
    expect(reloaded).toEqual({ ok: true, mapping });
    expect(
      validateMapping(mapping, {
        sources: { deals: cloudDeals },
        targets: { deals: target.schema },
      }),
    ).toEqual([]);
  });
});

describe("withCreatedFields", () => {
  it("points rules at created fields and fills list value maps by label", () => {
    const box: EntitySchema = {
      entity: "deals",
      fields: boxDeals.fields.filter((f) => f.code !== "UF_CRM_5" && f.code !== "UF_CRM_13"),
    };
    const target = fakeTarget(box);
    const proposed: Mapping = proposeMapping({
      entities: [{ entity: "deals", source: cloudDeals, target: box }],
      timeZones: { source: "UTC", target: "UTC" },
    }).mapping;
    const wanted = fieldsToCreate(proposed, "deals");
    expect(wanted.map((w) => w.spec)).toEqual([
      {
        label: "Канал продаж",
        type: "enum",
        multiple: false,
        items: ["Партнёр", "Прямые продажи", "Тендер"],
      },
      { label: "Ссылка на КП", type: "string", multiple: false },
    ]);
    const fields = target.ensureFields(wanted.map((w) => w.spec));
    const mapping = withCreatedFields(
      proposed,
      "deals",
      wanted.map((w, i) => ({ ruleIndex: w.ruleIndex, field: fields[i]! })),
      cloudDeals,
    );
    expect(fieldsToCreate(mapping, "deals")).toEqual([]);
    const channel = mapping.entities.deals!.fields[wanted[0]!.ruleIndex];
    expect(channel).toMatchObject({
      target: { code: "UF_CRM_1000" },
      converter: { valueMap: { "45": "1001", "46": "1002", "47": "1003" } },
    });

    const deal = {
      ...record,
      fields: {
        TITLE: "Тендер",
        ASSIGNED_BY_ID: "5",
        UF_CRM_1720019876534: "47",
        UF_CRM_1720020133444: "https://kp",
      },
    };
    const result = applyEntityMapping(deal, mapping.entities.deals!.fields, context(target.schema));
    expect(result.problems).toEqual([]);
    expect(result.missingItems).toEqual([]);
    expect(result.target.fields).toMatchObject({ UF_CRM_1000: "1003", UF_CRM_1004: "https://kp" });
  });
});
