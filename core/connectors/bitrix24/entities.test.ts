import { describe, expect, it } from "vitest";
import type { EntitySchema } from "../../model/schema.js";
import { ConversionError, selectFor, toBitrixFields, toCanonical } from "./entities.js";
import { batchCommand, buildPhpQuery } from "./php-query.js";

const field = (code: string, type: EntitySchema["fields"][number]["type"], multiple = false) => ({
  code,
  label: code,
  type,
  multiple,
  required: false,
  readOnly: false,
  custom: code.startsWith("UF_"),
});

const schema: EntitySchema = {
  entity: "contacts",
  fields: [
    field("NAME", "string"),
    field("OPENED", "boolean"),
    field("BIRTHDATE", "date"),
    field("DATE_MODIFY", "datetime"),
    field("COMPANY_ID", "entity_ref"),
    field("COMPANY_IDS", "entity_ref", true),
    field("ASSIGNED_BY_ID", "user_ref"),
    field("PHONE", "phones", true),
    field("EMAIL", "emails", true),
    field("UF_CRM_BUDGET", "money"),
    field("UF_CRM_CHANNELS", "enum", true),
    field("UF_CRM_VIP", "boolean"),
    field("UF_CRM_SCORE", "number"),
    field("UF_CRM_DOC", "file"),
  ],
};

describe("toCanonical", () => {
  it("types legacy string values by the schema", () => {
    const record = toCanonical(
      "contacts",
      {
        ID: "37",
        NAME: "Анна",
        OPENED: "Y",
        BIRTHDATE: "1990-05-01T00:00:00+03:00",
        DATE_MODIFY: "2024-04-11T15:55:46+03:00",
        DATE_CREATE: "2023-01-03T02:07:47+03:00",
        COMPANY_ID: "0",
        COMPANY_IDS: ["70", "71"],
        ASSIGNED_BY_ID: "3",
        PHONE: [{ ID: "5", VALUE_TYPE: "MOBILE", VALUE: "+7 900 000-00-09", TYPE_ID: "PHONE" }],
        UF_CRM_BUDGET: "1500.5|RUB",
        UF_CRM_CHANNELS: ["4", "5"],
        UF_CRM_VIP: "0",
        UF_CRM_SCORE: "",
        UF_CRM_DOC: { id: 9, showUrl: "/show", downloadUrl: "https://x/download" },
        SOMETHING_NEW: "kept",
      },
      schema,
    );
    expect(record).toEqual({
      entity: "contacts",
      id: "37",
      updatedAt: "2024-04-11T15:55:46+03:00",
      createdAt: "2023-01-03T02:07:47+03:00",
      fields: {
        NAME: "Анна",
        OPENED: true,
        BIRTHDATE: "1990-05-01",
        DATE_MODIFY: "2024-04-11T15:55:46+03:00",
        DATE_CREATE: "2023-01-03T02:07:47+03:00",
        COMPANY_ID: null,
        COMPANY_IDS: ["70", "71"],
        ASSIGNED_BY_ID: "3",
        PHONE: [{ value: "+7 900 000-00-09", kind: "MOBILE" }],
        UF_CRM_BUDGET: { amount: 1500.5, currency: "RUB" },
        UF_CRM_CHANNELS: ["4", "5"],
        UF_CRM_VIP: false,
        UF_CRM_SCORE: null,
        UF_CRM_DOC: { name: "file-9", url: "https://x/download" },
        SOMETHING_NEW: "kept",
      },
    });
  });
});

describe("toBitrixFields", () => {
  it("stamps the origin on create and writes Bitrix24 shapes", () => {
    const fields = toBitrixFields(
      {
        sourceId: "src-1",
        fields: {
          NAME: "Анна",
          OPENED: false,
          UF_CRM_VIP: true,
          PHONE: [
            { value: "+7 900", kind: "mobile" },
            { value: "+7 901", kind: "SATELLITE" },
          ],
          OPPORTUNITY: { amount: 100, currency: "USD" },
          UF_CRM_BUDGET: { amount: 5, currency: "EUR" },
          COMPANY_IDS: ["1", "2"],
          UF_CRM_DOC: { name: "a.txt", contentBase64: "aGk=" },
          EMPTY: null,
          ORIGIN_ID: "ignored",
        },
      },
      "pereezd:m1",
    );
    expect(fields).toEqual({
      NAME: "Анна",
      OPENED: "N",
      UF_CRM_VIP: 1,
      PHONE: [
        { VALUE: "+7 900", VALUE_TYPE: "MOBILE" },
        { VALUE: "+7 901", VALUE_TYPE: "OTHER" },
      ],
      OPPORTUNITY: 100,
      CURRENCY_ID: "USD",
      UF_CRM_BUDGET: "5|EUR",
      COMPANY_IDS: ["1", "2"],
      UF_CRM_DOC: { fileData: ["a.txt", "aGk="] },
      ORIGINATOR_ID: "pereezd:m1",
      ORIGIN_ID: "src-1",
    });
  });

  it("clears fields on update and never re-stamps the origin", () => {
    expect(
      toBitrixFields({ sourceId: "s", targetId: "9", fields: { NAME: null, TITLE: "T" } }, "tag"),
    ).toEqual({
      NAME: "",
      TITLE: "T",
    });
  });

  it("refuses a file without content, naming the field", () => {
    expect(() =>
      toBitrixFields(
        { sourceId: "s", fields: { UF_CRM_DOC: { name: "a", url: "https://x" } } },
        "t",
      ),
    ).toThrow(ConversionError);
  });

  it("names multi-fields in select except for deals", () => {
    expect(selectFor("contacts")).toEqual(expect.arrayContaining(["*", "UF_*", "PHONE", "EMAIL"]));
    expect(selectFor("deals")).toEqual(["*", "UF_*"]);
  });
});

describe("PHP query encoding", () => {
  it("builds bracket keys like http_build_query", () => {
    const query = buildPhpQuery({
      filter: { ">ID": "$result[p0][49][ID]", "@ORIGIN_ID": ["a b", "c&d"] },
      select: ["ID", "PHONE"],
      start: -1,
      flag: true,
      skip: null,
    });
    expect(decodeURIComponent(query)).toBe(
      "filter[>ID]=$result[p0][49][ID]&filter[@ORIGIN_ID][0]=a b&filter[@ORIGIN_ID][1]=c&d&select[0]=ID&select[1]=PHONE&start=-1&flag=1",
    );
    expect(query).toContain("c%26d");
    expect(batchCommand("profile", {})).toBe("profile");
  });
});
