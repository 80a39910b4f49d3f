/**
 * Deal schemas of two Bitrix24 portals, as a connector would build them from
 * `crm.deal.fields` (system fields: TITLE, TYPE_ID, CATEGORY_ID, STAGE_ID,
 * OPPORTUNITY, CURRENCY_ID, COMPANY_ID, CONTACT_IDS, BEGINDATE, CLOSEDATE,
 * ASSIGNED_BY_ID, COMMENTS, SOURCE_ID, OPENED, ORIGINATOR_ID, ORIGIN_ID…),
 * `crm.deal.userfield.list` (UF_CRM_* with USER_TYPE_ID and LIST items),
 * `crm.category.list` and `crm.status.list` (DEAL_STAGE, DEAL_STAGE_<n>).
 * The cloud source and the on-premise target differ the way real portals do:
 * other UF codes, labels in other case/with ё, other pipeline ids, fewer items.
 */
import type { EntitySchema } from "../../model/schema.js";
import { items, ref, stage, sys, uf } from "./build.js";

const SYSTEM_COMMON = [
  sys("ID", "ID", "integer", { readOnly: true }),
  sys("TITLE", "Название", "string"),
  sys("OPPORTUNITY", "Сумма", "number"),
  sys("CURRENCY_ID", "Валюта", "enum", {
    items: items(["RUB", "Российский рубль"], ["USD", "Доллар США"], ["EUR", "Евро"]),
  }),
  sys("COMPANY_ID", "Компания", "entity_ref", ref("companies")),
  sys("CONTACT_IDS", "Контакты", "entity_ref", { multiple: true, refEntity: "contacts" }),
  sys("BEGINDATE", "Дата начала", "date"),
  sys("CLOSEDATE", "Дата завершения", "date"),
  sys("ASSIGNED_BY_ID", "Ответственный", "user_ref", { required: true }),
  sys("COMMENTS", "Комментарий", "text"),
  sys("OPENED", "Доступна для всех", "boolean"),
  sys("DATE_CREATE", "Дата создания", "datetime", { readOnly: true }),
  sys("ORIGINATOR_ID", "Внешний источник", "string"),
  sys("ORIGIN_ID", "Идентификатор во внешнем источнике", "string"),
];

export const cloudDeals: EntitySchema = {
  entity: "deals",
  fields: [
    ...SYSTEM_COMMON,
    sys("TYPE_ID", "Тип", "enum", {
      items: items(["SALE", "Продажа"], ["COMPLEX", "Комплексная продажа"]),
    }),
    sys("CATEGORY_ID", "Воронка", "pipeline", { items: items(["0", "Общая"], ["1", "Опт"]) }),
    sys("STAGE_ID", "Стадия сделки", "stage", {
      items: [
        stage("NEW", "Новая", "0"),
        stage("PREPARATION", "Подготовка документов", "0"),
        stage("WON", "Сделка успешна", "0", "success"),
        stage("LOSE", "Сделка провалена", "0", "failure"),
        stage("C1:NEW", "Новая", "1"),
        stage("C1:NEGOTIATION", "Переговоры", "1"),
        stage("C1:WON", "Успех", "1", "success"),
        stage("C1:LOSE", "Отказ", "1", "failure"),
      ],
    }),
    sys("SOURCE_ID", "Источник", "enum", {
      items: items(["CALL", "Звонок"], ["EMAIL", "E-Mail"], ["WEB", "Веб-сайт"]),
    }),
    uf("UF_CRM_1720019876534", "Канал продаж", "enum", {
      items: items(["45", "Партнёр"], ["46", "Прямые продажи"], ["47", "Тендер"]),
    }),
    uf("UF_CRM_1720019899001", "Номер договора", "string"),
    uf("UF_CRM_1720020011223", "Дата подписания", "date"),
    uf("UF_CRM_1720020033445", "Регион", "string"),
    uf("UF_CRM_1720020055667", "Продукты", "enum", {
      multiple: true,
      items: items(["60", "CRM"], ["61", "Телефония"], ["62", "Сайт"]),
    }),
    uf("UF_CRM_1720020077889", "VIP клиент", "boolean"),
    uf("UF_CRM_1720020099000", "Куратор", "user_ref"),
    uf("UF_CRM_1720020111222", "Бюджет клиента", "money"),
    uf("UF_CRM_1720020133444", "Ссылка на КП", "string"),
    uf("UF_CRM_1720020155666", "Скоринг", "number"),
  ],
};

export const boxDeals: EntitySchema = {
  entity: "deals",
  fields: [
    ...SYSTEM_COMMON,
    sys("TYPE_ID", "Тип", "enum", {
      items: items(["SALE", "Продажа"], ["COMPLEX", "Комплексная продажа"]),
    }),
    sys("CATEGORY_ID", "Воронка", "pipeline", { items: items(["0", "Общая"], ["3", "ОПТ"]) }),
    sys("STAGE_ID", "Стадия сделки", "stage", {
      items: [
        stage("NEW", "Новая", "0"),
        stage("PREPARATION", "Подготовка  документов", "0"),
        stage("WON", "Сделка успешна", "0", "success"),
        stage("LOSE", "Сделка провалена", "0", "failure"),
        stage("C3:NEW", "Новая", "3"),
        stage("C3:WON", "Успешно", "3", "success"),
        stage("C3:LOSE", "Отказ", "3", "failure"),
      ],
    }),
    sys("SOURCE_ID", "Источник", "enum", { items: items(["CALL", "Звонок"], ["WEB", "Веб-сайт"]) }),
    uf("UF_CRM_5", "канал  продаж", "enum", {
      items: items(["101", "Партнер"], ["102", "Прямые продажи"]),
    }),
    uf("UF_CRM_6", "Номер Договора", "string"),
    uf("UF_CRM_7", "Дата подписания", "datetime"),
    uf("UF_CRM_8", "Регион", "enum", {
      items: items(["201", "Москва"], ["202", "Санкт-Петербург"]),
    }),
    uf("UF_CRM_9", "Продукты", "string"),
    uf("UF_CRM_10", "VIP клиент", "boolean"),
    uf("UF_CRM_11", "Куратор", "user_ref"),
    uf("UF_CRM_12", "Бюджет клиента", "money"),
    uf("UF_CRM_13", "Код 1С", "string", { required: true }),
    uf("UF_CRM_14", "Скоринг", "number", { readOnly: true }),
  ],
};
