/**
 * Generated companies, contacts (linked to companies), leads and deals (two
 * pipelines). Each record's fields are one object literal and every built
 * string is flattened: both keep a 200,000-record portal small.
 */
import { dateOf } from "./dates.js";
import { deriveCrmFields } from "./crm-defaults.js";
import type { Gen } from "./generate.js";
import * as P from "./generate-pools.js";
import type { PortalData } from "./portal-data.js";
import type { CrmKind, CrmRecord, MultiField, StoredValue } from "./types.js";

const DAY = 86_400_000;

const enumCache = new WeakMap<PortalData, Map<string, number[]>>();

/** Item ids of a list field, computed once per portal (called per record). */
function enumIds(data: PortalData, kind: CrmKind, field: string): number[] {
  let cache = enumCache.get(data);
  if (!cache) enumCache.set(data, (cache = new Map<string, number[]>()));
  const key = `${kind}:${field}`;
  let ids = cache.get(key);
  if (!ids) cache.set(key, (ids = data.userField(kind, field)?.list?.map((i) => i.id) ?? []));
  return ids;
}

/** `YYYY-MM-DD` of an instant in the generator's zone, cached per quarter hour (called per record). */
function day(gen: Gen, ms: number): string {
  const key = Math.floor(ms / 900_000);
  let text = gen.days.get(key);
  if (text === undefined) gen.days.set(key, (text = dateOf(ms, gen.tz)));
  return text;
}

interface Audit {
  user: number;
  created: number;
  modified: number;
}

/** Who and when for a generated record. */
function audit(gen: Gen, created: number): Audit {
  const { rng } = gen;
  const modified = rng.chance(0.4)
    ? created + Math.floor(rng.next() * (gen.until - created))
    : created;
  return { user: rng.pick(gen.users), created, modified };
}

/**
 * Inserts a generated record. `f` must be one object literal (absent values as
 * null): copying or deleting keys would push V8 objects into dictionary mode and
 * triple the memory of a 200k portal.
 */
function put(
  gen: Gen,
  kind: CrmKind,
  f: Record<string, StoredValue>,
  fm?: MultiField[],
): CrmRecord {
  const record: CrmRecord = { id: gen.data.crm[kind].nextId(), f };
  // slice(): exact-size copies; arrays grown by push keep ~17 slots each.
  if (fm && fm.length > 0) record.fm = fm.slice();
  deriveCrmFields(gen.data, kind, record, undefined);
  return gen.data.crm[kind].insert(record);
}

function mf(gen: Gen, type: MultiField["type"], valueType: string, value: string): MultiField {
  return { id: gen.data.nextMultiFieldId(), type, valueType, value: P.flat(value) };
}

/** One company with phone, e-mail, maybe a site, INN and segment. */
export function addCompany(gen: Gen, created: number): void {
  const a = audit(gen, created);
  const { rng, data } = gen;
  const [root, rootLat] = rng.pick(P.COMPANY_ROOT);
  const [area, areaLat] = rng.pick(P.COMPANY_AREA);
  const n = data.crm.company.nextId();
  const site = `${rootLat}-${areaLat}${n}.ru`;
  const fm = [
    mf(gen, "PHONE", "WORK", P.phoneOf(n * 7 + 1)),
    mf(gen, "EMAIL", "WORK", `info@${site}`),
  ];
  if (rng.chance(0.5)) fm.push(mf(gen, "WEB", "WORK", `https://${site}`));
  put(
    gen,
    "company",
    {
      ASSIGNED_BY_ID: a.user,
      CREATED_BY_ID: a.user,
      MODIFY_BY_ID: a.user,
      DATE_CREATE: a.created,
      DATE_MODIFY: a.modified,
      OPENED: "Y",
      TITLE: P.flat(`${rng.pick(P.COMPANY_FORM)} «${root}${area.toLowerCase()}»`),
      COMPANY_TYPE: rng.weighted([
        ["CUSTOMER", 6],
        ["PARTNER", 2],
        ["SUPPLIER", 1],
        ["COMPETITOR", 1],
      ]),
      INDUSTRY: rng.pick(["IT", "MANUFACTURING", "DELIVERY", "CONSULTING", "FINANCE", "OTHER"]),
      EMPLOYEES: rng.pick(["EMPLOYEES_1", "EMPLOYEES_2", "EMPLOYEES_3", "EMPLOYEES_4"]),
      CURRENCY_ID: "RUB",
      REVENUE: rng.int(1, 500) * 100_000,
      IS_MY_COMPANY: "N",
      ADDRESS_CITY: rng.pick(P.CITIES),
      UF_CRM_INN: rng.chance(0.8) ? P.flat(String(7_700_000_000 + n)) : null,
      UF_CRM_SEGMENT: rng.chance(0.7) ? rng.pick(enumIds(data, "company", "UF_CRM_SEGMENT")) : null,
    },
    fm,
  );
}

interface Person {
  name: string;
  lastName: string;
  honorific: string;
  lat: string;
}

function person(gen: Gen): Person {
  const male = gen.rng.chance(0.5);
  const [first, firstLat] = gen.rng.pick(male ? P.MALE_FIRST : P.FEMALE_FIRST);
  const [lastM, lastF, lastLat] = gen.rng.pick(P.LAST);
  return {
    name: first,
    lastName: male ? lastM : lastF,
    honorific: male ? "HNR_EN_1" : "HNR_EN_2",
    lat: `${firstLat}.${lastLat}`,
  };
}

/** One contact with 1–2 phones, e-mails, maybe Telegram, linked to 0–2 companies. */
export function addContact(gen: Gen, created: number): void {
  const a = audit(gen, created);
  const { rng, data } = gen;
  const n = data.crm.contact.nextId();
  const p = person(gen);
  const fm = [mf(gen, "PHONE", "MOBILE", P.phoneOf(n * 7 + 2))];
  if (rng.chance(0.3)) fm.push(mf(gen, "PHONE", "WORK", P.phoneOf(n * 7 + 3)));
  if (rng.chance(0.8)) fm.push(mf(gen, "EMAIL", "WORK", `${p.lat}${n}@mail.ru`));
  if (rng.chance(0.2)) fm.push(mf(gen, "EMAIL", "HOME", `${p.lat}${n}@gmail.com`));
  if (rng.chance(0.15)) fm.push(mf(gen, "IM", "TELEGRAM", `@${p.lat.replace(".", "_")}${n}`));
  const channels = enumIds(data, "contact", "UF_CRM_CHANNELS")
    .filter(() => rng.chance(0.4))
    .slice();
  const record = put(
    gen,
    "contact",
    {
      ASSIGNED_BY_ID: a.user,
      CREATED_BY_ID: a.user,
      MODIFY_BY_ID: a.user,
      DATE_CREATE: a.created,
      DATE_MODIFY: a.modified,
      OPENED: "Y",
      NAME: p.name,
      LAST_NAME: p.lastName,
      HONORIFIC: p.honorific,
      POST: rng.pick(P.POSTS),
      TYPE_ID: rng.weighted([
        ["CLIENT", 7],
        ["PARTNER", 2],
        ["SUPPLIER", 1],
      ]),
      SOURCE_ID: rng.pick(["CALL", "WEB", "EMAIL", "RECOMMENDATION", "ADVERTISING"]),
      BIRTHDATE: rng.chance(0.3)
        ? P.flat(`${rng.int(1960, 2000)}-0${rng.int(1, 9)}-${rng.int(10, 28)}`)
        : null,
      ADDRESS_CITY: rng.pick(P.CITIES),
      EXPORT: "Y",
      UF_CRM_CHANNELS: channels.length > 0 ? channels : null,
      UF_CRM_LOYALTY_CARD: rng.chance(0.3) ? P.flat(`LC-${100_000 + n}`) : null,
    },
    fm,
  );
  const companies = data.crm.company.rows;
  if (companies.length > 0 && rng.chance(0.7)) {
    const first = rng.pick(companies).id;
    const links = [{ id: first, sort: 10, primary: true }];
    const second = rng.pick(companies).id;
    if (second !== first && rng.chance(0.1)) links.push({ id: second, sort: 20, primary: false });
    data.setLinks("contact", record, links.slice());
  }
}

/** One lead; older ones are mostly converted or junk. */
export function addLead(gen: Gen, created: number): void {
  const a = audit(gen, created);
  const { rng, data } = gen;
  const n = data.crm.lead.nextId();
  const p = person(gen);
  const age = (gen.until - created) / (gen.until - gen.from);
  const fm = rng.chance(0.9) ? [mf(gen, "PHONE", "WORK", P.phoneOf(n * 7 + 4))] : [];
  if (rng.chance(0.6)) fm.push(mf(gen, "EMAIL", "WORK", `${p.lat}.${n}@yandex.ru`));
  put(
    gen,
    "lead",
    {
      ASSIGNED_BY_ID: a.user,
      CREATED_BY_ID: a.user,
      MODIFY_BY_ID: a.user,
      DATE_CREATE: a.created,
      DATE_MODIFY: a.modified,
      OPENED: "Y",
      TITLE: P.flat(`${rng.pick(P.LEAD_TITLES)} №${n}`),
      NAME: p.name,
      LAST_NAME: p.lastName,
      HONORIFIC: p.honorific,
      STATUS_ID:
        age > 0.1
          ? rng.weighted([
              ["CONVERTED", 4],
              ["JUNK", 3],
              ["PROCESSED", 1],
              ["IN_PROCESS", 1],
            ])
          : rng.pick(["NEW", "IN_PROCESS"]),
      SOURCE_ID: rng.pick(["CALL", "WEB", "EMAIL", "WEBFORM", "ADVERTISING", "TRADE_SHOW"]),
      CURRENCY_ID: "RUB",
      OPPORTUNITY: rng.int(0, 200) * 1000,
      IS_MANUAL_OPPORTUNITY: "N",
      COMPANY_TITLE: rng.chance(0.4) ? P.flat(`ООО «${rng.pick(P.COMPANY_ROOT)[0]}»`) : null,
      MOVED_TIME: created,
      MOVED_BY_ID: 1,
      UF_CRM_1700000002: rng.chance(0.6)
        ? rng.pick(enumIds(data, "lead", "UF_CRM_1700000002"))
        : null,
      UF_CRM_NEXT_CALL: rng.chance(0.2) ? created + rng.int(1, 30) * DAY : null,
    },
    fm,
  );
}

/** One deal in pipeline 0 (75 %) or 1, linked to a company and contacts. */
export function addDeal(gen: Gen, created: number): void {
  const a = audit(gen, created);
  const { rng, data } = gen;
  const n = data.crm.deal.nextId();
  const category = rng.chance(0.75) ? 0 : 1;
  const prefix = category === 0 ? "" : `C${category}:`;
  const age = (gen.until - created) / (gen.until - gen.from);
  const stage =
    age > 0.15
      ? rng.weighted([
          ["WON", 5],
          ["LOSE", 3],
          ["APOLOGY", 1],
          ["EXECUTING", 1],
        ])
      : rng.pick(["NEW", "PREPARATION", "PREPAYMENT_INVOICE", "EXECUTING", "FINAL_INVOICE"]);
  const companies = data.crm.company.rows;
  const contacts = data.crm.contact.rows;
  const amount = rng.int(5, 3000) * 1000;
  const record = put(gen, "deal", {
    ASSIGNED_BY_ID: a.user,
    CREATED_BY_ID: a.user,
    MODIFY_BY_ID: a.user,
    DATE_CREATE: a.created,
    DATE_MODIFY: a.modified,
    OPENED: "Y",
    TITLE: P.flat(`${rng.pick(P.PRODUCTS)} №${n}`),
    CATEGORY_ID: category,
    STAGE_ID: `${prefix}${stage}`,
    TYPE_ID: rng.pick(["SALE", "COMPLEX", "GOODS", "SERVICES"]),
    SOURCE_ID: rng.pick(["CALL", "WEB", "PARTNER", "RECOMMENDATION"]),
    CURRENCY_ID: "RUB",
    OPPORTUNITY: amount,
    IS_MANUAL_OPPORTUNITY: "Y",
    TAX_VALUE: 0,
    PROBABILITY: rng.int(1, 10) * 10,
    COMPANY_ID: companies.length > 0 && rng.chance(0.6) ? rng.pick(companies).id : null,
    BEGINDATE: day(gen, created),
    CLOSEDATE: day(gen, created + rng.int(7, 60) * DAY),
    IS_RECURRING: "N",
    IS_RETURN_CUSTOMER: rng.chance(0.2) ? "Y" : "N",
    IS_REPEATED_APPROACH: "N",
    COMMENTS: rng.chance(0.3) ? rng.pick(P.COMMENTS) : null,
    MOVED_TIME: created,
    MOVED_BY_ID: 1,
    UF_CRM_1700000001: rng.chance(0.6)
      ? rng.pick(enumIds(data, "deal", "UF_CRM_1700000001"))
      : null,
    UF_CRM_CONTRACT_DATE: rng.chance(0.4) ? day(gen, created + rng.int(1, 20) * DAY) : null,
    UF_CRM_BUDGET: rng.chance(0.3) ? P.flat(`${amount}|RUB`) : null,
    UF_CRM_VIP: rng.chance(0.1) ? 1 : 0,
    UF_CRM_EXTERNAL_REF: rng.chance(0.2) ? P.flat(`1C-${200_000 + n}`) : null,
  });
  if (contacts.length > 0 && rng.chance(0.8)) {
    const first = rng.pick(contacts).id;
    const links = [{ id: first, sort: 10, primary: true }];
    const second = rng.pick(contacts).id;
    if (second !== first && rng.chance(0.2)) links.push({ id: second, sort: 20, primary: false });
    data.setLinks("deal", record, links.slice());
  }
}
