import { describe, expect, it } from "vitest";
import type { UserSummary } from "../model/schema.js";
import { AMO_TO_BITRIX_DEAL_ALIASES, amoLeads } from "./__fixtures__/amocrm-leads.js";
import { boxContacts, cloudContacts } from "./__fixtures__/bitrix24-contacts.js";
import { boxDeals } from "./__fixtures__/bitrix24-deals.js";
import type { FieldRule } from "./mapping-schema.js";
import { proposeEntityMapping } from "./propose.js";

const ruleFor = (rules: FieldRule[], source: string) =>
  rules.find((r) => r.action !== "constant" && r.source === source);

describe("proposeEntityMapping: Bitrix24 contacts", () => {
  const { rules } = proposeEntityMapping({
    entity: "contacts",
    source: cloudContacts,
    target: boxContacts,
  });

  it("normalises phones and e-mails, and converts text into phones/sites and a yes/no list into a checkbox", () => {
    expect(ruleFor(rules, "PHONE")).toMatchObject({
      converter: { kind: "phone", defaultCountry: "RU", format: "e164" },
    });
    expect(ruleFor(rules, "EMAIL")).toMatchObject({ converter: { kind: "email" } });
    expect(ruleFor(rules, "WEB")).toMatchObject({ converter: { kind: "copy" } });
    expect(ruleFor(rules, "UF_CRM_1699000000001")).toMatchObject({
      target: { code: "UF_CRM_2" },
      converter: { kind: "copy" },
    });
    expect(ruleFor(rules, "UF_CRM_1699000000002")).toMatchObject({
      target: { code: "UF_CRM_3" },
      converter: { kind: "phone" },
    });
    expect(ruleFor(rules, "UF_CRM_1699000000003")).toMatchObject({
      target: { code: "UF_CRM_4" },
      converter: { kind: "boolean" },
    });
  });
});

describe("proposeEntityMapping: amoCRM leads → Bitrix24 deals", () => {
  const users: UserSummary[] = [{ id: "9", email: "boss@acme.ru", name: "Boss", active: true }];
  const { rules, review } = proposeEntityMapping({
    entity: "leads",
    targetEntity: "deals",
    source: amoLeads,
    target: boxDeals,
    sourceUsers: [
      { id: "1", email: "BOSS@acme.ru", name: "Boss", active: true },
      { id: "2", email: null, name: "Temp", active: true },
    ],
    targetUsers: users,
    options: { aliases: AMO_TO_BITRIX_DEAL_ALIASES, stringMaxLength: 255, defaultCurrency: "KZT" },
  });

  it("uses the connector's aliases for system fields", () => {
    expect(ruleFor(rules, "name")).toMatchObject({
      target: { code: "TITLE" },
      converter: { kind: "copy" },
    });
    expect(ruleFor(rules, "price")).toMatchObject({ target: { code: "OPPORTUNITY" } });
    expect(review.find((r) => r.source?.code === "name")).toMatchObject({
      kind: "matched",
      reason: "alias",
    });
    expect(review.find((r) => r.source?.code === "responsible_user_id")).toMatchObject({
      counts: { matchedUsers: 1, unmatchedUsers: 1 },
    });
  });

  it("maps amoCRM pipelines and statuses (142/143 by semantics) and proposes the missing stages", () => {
    expect(ruleFor(rules, "pipeline_id")).toMatchObject({
      converter: { valueMap: { "7001": "0", "7002": "3" } },
    });
    expect(ruleFor(rules, "status_id")).toMatchObject({
      converter: {
        valueMap: {
          "7001:142": "WON",
          "7001:143": "LOSE",
          "7002:200": "C3:NEW",
          "7002:142": "C3:WON",
          "7002:143": "C3:LOSE",
        },
      },
    });
    expect(
      review.find((r) => r.kind === "create_items" && r.source?.code === "status_id")?.items,
    ).toEqual([{ label: "Первичный контакт", group: "0" }]);
  });

  it("matches custom fields by label across systems and creates the rest", () => {
    expect(ruleFor(rules, "cf_501")).toMatchObject({
      target: { code: "UF_CRM_5" },
      converter: { valueMap: { "9001": "101" } },
    });
    expect(ruleFor(rules, "cf_502")).toMatchObject({
      target: { code: "UF_CRM_7" },
      converter: { kind: "datetime" },
    });
    expect(ruleFor(rules, "cf_503")).toMatchObject({
      target: { code: "UF_CRM_9" },
      collapse: { pick: "join" },
    });
    expect(ruleFor(rules, "cf_504")).toMatchObject({
      target: { create: { label: "Скидка, %", type: "string" } },
    });
  });
});
