/**
 * The people and settings part of a generated portal: departments with heads,
 * employees with e-mails and extension numbers, and custom fields of every
 * common type (list, date, money, yes/no, string, date-time).
 */
import { addDepartment, addUser } from "./empty-portal.js";
import type { Gen } from "./generate.js";
import * as P from "./generate-pools.js";
import type { PortalData } from "./portal-data.js";
import { addUserField } from "./user-fields.js";

const DAY = 86_400_000;

/** Adds departments under the root and `count` employees (user 1 is the admin). */
export function addStaff(gen: Gen, count: number, domain: string): void {
  const { data, rng } = gen;
  const depts = P.DEPARTMENTS.map((name) => addDepartment(data, { name, parent: 1 }).id);
  gen.users.push(1);
  for (let i = 2; i <= count; i++) {
    const male = rng.chance(0.5);
    const [first, firstLat] = rng.pick(male ? P.MALE_FIRST : P.FEMALE_FIRST);
    const [lastM, lastF, lastLat] = rng.pick(P.LAST);
    const dept = rng.pick(depts);
    const user = addUser(data, {
      name: first,
      lastName: male ? lastM : lastF,
      email: `${firstLat}.${lastLat}${i}@${domain}`,
      departments: [dept],
      gender: male ? "M" : "F",
      workPosition: rng.pick(P.POSTS),
      phoneInner: String(100 + i),
      registeredAt: gen.from - rng.int(1, 400) * DAY,
      active: rng.chance(0.95),
    });
    gen.users.push(user.id);
  }
  for (const id of depts) {
    const dept = data.departments.get(id);
    if (dept) dept.f.UF_HEAD = rng.pick(gen.users);
  }
}

/** Custom fields on deals, contacts, companies and leads. */
export function addCustomFields(data: PortalData): void {
  addUserField(data, "deal", {
    fieldName: "UF_CRM_1700000001",
    userTypeId: "enumeration",
    label: "Способ доставки",
    list: [{ value: "Самовывоз" }, { value: "Курьер" }, { value: "Почта" }],
  });
  addUserField(data, "deal", {
    fieldName: "CONTRACT_DATE",
    userTypeId: "date",
    label: "Дата договора",
  });
  addUserField(data, "deal", { fieldName: "BUDGET", userTypeId: "money", label: "Бюджет" });
  addUserField(data, "deal", { fieldName: "VIP", userTypeId: "boolean", label: "VIP-клиент" });
  addUserField(data, "deal", {
    fieldName: "EXTERNAL_REF",
    userTypeId: "string",
    label: "Номер в 1С",
  });
  addUserField(data, "contact", {
    fieldName: "CHANNELS",
    userTypeId: "enumeration",
    label: "Каналы связи",
    multiple: true,
    list: [{ value: "Телефон" }, { value: "E-mail" }, { value: "Telegram" }, { value: "WhatsApp" }],
  });
  addUserField(data, "contact", {
    fieldName: "LOYALTY_CARD",
    userTypeId: "string",
    label: "Карта лояльности",
  });
  addUserField(data, "company", { fieldName: "INN", userTypeId: "string", label: "ИНН" });
  addUserField(data, "company", {
    fieldName: "SEGMENT",
    userTypeId: "enumeration",
    label: "Сегмент",
    list: [{ value: "Малый бизнес" }, { value: "Средний бизнес" }, { value: "Крупный бизнес" }],
  });
  addUserField(data, "lead", {
    fieldName: "UF_CRM_1700000002",
    userTypeId: "enumeration",
    label: "Интерес",
    list: [{ value: "Продукт" }, { value: "Услуги" }, { value: "Партнёрство" }],
  });
  addUserField(data, "lead", {
    fieldName: "NEXT_CALL",
    userTypeId: "datetime",
    label: "Следующий звонок",
  });
}
