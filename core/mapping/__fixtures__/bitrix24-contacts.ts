/**
 * Contact schemas of two Bitrix24 portals (`crm.contact.fields` +
 * `crm.contact.userfield.list`): multi-fields PHONE/EMAIL/WEB/IM as
 * `phones`/`emails`/`urls`/`ims`, a birthday, a company link.
 */
import type { EntitySchema } from "../../model/schema.js";
import { items, ref, sys, uf } from "./build.js";

const SYSTEM = [
  sys("ID", "ID", "integer", { readOnly: true }),
  sys("NAME", "Имя", "string"),
  sys("LAST_NAME", "Фамилия", "string"),
  sys("POST", "Должность", "string"),
  sys("BIRTHDATE", "Дата рождения", "date"),
  sys("PHONE", "Телефон", "phones", { multiple: true }),
  sys("EMAIL", "E-mail", "emails", { multiple: true }),
  sys("WEB", "Сайт", "urls", { multiple: true }),
  sys("COMPANY_ID", "Компания", "entity_ref", ref("companies")),
  sys("ASSIGNED_BY_ID", "Ответственный", "user_ref"),
  sys("TYPE_ID", "Тип контакта", "enum", {
    items: items(["CLIENT", "Клиенты"], ["SUPPLIER", "Поставщики"], ["PARTNER", "Партнеры"]),
  }),
];

export const cloudContacts: EntitySchema = {
  entity: "contacts",
  fields: [
    ...SYSTEM,
    uf("UF_CRM_1699000000001", "Telegram", "string"),
    uf("UF_CRM_1699000000002", "Мобильный (доп.)", "string"),
    uf("UF_CRM_1699000000003", "Согласие на рассылку", "enum", {
      items: items(["71", "Да"], ["72", "Нет"]),
    }),
  ],
};

export const boxContacts: EntitySchema = {
  entity: "contacts",
  fields: [
    ...SYSTEM,
    uf("UF_CRM_2", "telegram", "urls", { multiple: true }),
    uf("UF_CRM_3", "Мобильный (доп.)", "phones", { multiple: true }),
    uf("UF_CRM_4", "Согласие на рассылку", "boolean"),
  ],
};
