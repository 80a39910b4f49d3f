/**
 * An amoCRM lead schema as its connector would describe it from
 * `GET /api/v4/leads/custom_fields` and `/leads/pipelines`: stage ids made
 * unique per pipeline (`<pipeline>:<status>`, since 142/143 repeat in every
 * pipeline), dates as `date_time`, a `multiselect`, a `numeric` written as text.
 */
import type { EntitySchema } from "../../model/schema.js";
import { items, ref, stage, sys, uf } from "./build.js";

export const amoLeads: EntitySchema = {
  entity: "leads",
  fields: [
    sys("id", "ID", "integer", { readOnly: true }),
    sys("name", "Название", "string"),
    sys("price", "Бюджет", "number"),
    sys("responsible_user_id", "Ответственный", "user_ref"),
    sys("pipeline_id", "Воронка", "pipeline", { items: items(["7001", "Общая"], ["7002", "Опт"]) }),
    sys("status_id", "Этап", "stage", {
      items: [
        stage("7001:100", "Первичный контакт", "7001"),
        stage("7001:142", "Успешно реализовано", "7001", "success"),
        stage("7001:143", "Закрыто и не реализовано", "7001", "failure"),
        stage("7002:200", "Новая", "7002"),
        stage("7002:142", "Успешно реализовано", "7002", "success"),
        stage("7002:143", "Закрыто и не реализовано", "7002", "failure"),
      ],
    }),
    sys("company_id", "Компания", "entity_ref", ref("companies")),
    sys("created_at", "Дата создания", "datetime", { readOnly: true }),
    uf("cf_501", "Канал продаж", "enum", {
      items: items(["9001", "Партнёр"], ["9002", "Выставка"]),
    }),
    uf("cf_502", "Дата подписания", "datetime"),
    uf("cf_503", "Продукты", "enum", {
      multiple: true,
      items: items(["9101", "CRM"], ["9102", "Сайт"]),
    }),
    uf("cf_504", "Скидка, %", "string"),
  ],
};

/** Aliases the amoCRM → Bitrix24 connector pair would pass for leads → deals. */
export const AMO_TO_BITRIX_DEAL_ALIASES = {
  name: "TITLE",
  price: "OPPORTUNITY",
  responsible_user_id: "ASSIGNED_BY_ID",
  pipeline_id: "CATEGORY_ID",
  status_id: "STAGE_ID",
  company_id: "COMPANY_ID",
  created_at: "DATE_CREATE",
} as const;
