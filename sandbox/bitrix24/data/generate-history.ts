/**
 * The history part of a generated portal: activities (calls, meetings,
 * e-mails, to-dos) on CRM records, call statistics with recordings on Drive,
 * timeline comments, tasks bound to CRM and their comments.
 */
import { addFile } from "./files.js";
import type { Gen } from "./generate.js";
import { COMMENTS, PRODUCTS, flat, phoneOf } from "./generate-pools.js";
import { addActivity, addTask, addTaskComment, addTimelineComment } from "./history.js";
import { ENTITY_TYPE_ID, OWNER_TYPE_NAME, type CrmKind, type CrmRecord } from "./types.js";

const HOUR = 3_600_000;

/** Adds activities, calls, comments and tasks in proportion to `size`. */
export function generateHistory(gen: Gen, size: number): void {
  const activities = Math.round(size * 0.2);
  for (let i = 0; i < activities; i++) addRandomActivity(gen);
  const comments = Math.round(size * 0.1);
  for (let i = 0; i < comments; i++) addRandomComment(gen);
  const tasks = Math.max(3, Math.round(size * 0.005));
  for (let i = 0; i < tasks; i++) addRandomTask(gen, i, tasks);
}

function pickOwner(gen: Gen): { kind: CrmKind; record: CrmRecord } | null {
  const kind = gen.rng.weighted<CrmKind>([
    ["deal", 4],
    ["contact", 3],
    ["lead", 2],
    ["company", 1],
  ]);
  const rows = gen.data.crm[kind].rows;
  return rows.length === 0 ? null : { kind, record: gen.rng.pick(rows) };
}

/** The client an activity talks to: the record itself, or a deal's primary contact. */
function client(gen: Gen, kind: CrmKind, record: CrmRecord): { kind: CrmKind; record: CrmRecord } {
  if (kind !== "deal") return { kind, record };
  const contactId = gen.data.primaryLink(record);
  const contact = contactId === null ? undefined : gen.data.crm.contact.get(contactId);
  return contact ? { kind: "contact", record: contact } : { kind, record };
}

function after(gen: Gen, record: CrmRecord): number {
  const created = Number(record.f.DATE_CREATE);
  return created + Math.floor(gen.rng.next() * Math.max(gen.until - created, HOUR));
}

function addRandomActivity(gen: Gen): void {
  const { rng, data } = gen;
  const owner = pickOwner(gen);
  if (!owner) return;
  const who = client(gen, owner.kind, owner.record);
  const typeId = rng.weighted([
    [2, 40],
    [4, 25],
    [1, 15],
    [6, 20],
  ]);
  const start = after(gen, owner.record);
  const completed = start < gen.until - 7 * 24 * HOUR || rng.chance(0.3);
  const responsibleId = Number(owner.record.f.ASSIGNED_BY_ID ?? 1);
  const phone = who.record.fm?.find((m) => m.type === "PHONE")?.value ?? phoneOf(who.record.id);
  const email = who.record.fm?.find((m) => m.type === "EMAIL")?.value;
  const direction = typeId === 2 || typeId === 4 ? rng.int(1, 2) : 0;
  const comm =
    typeId === 4 && email === undefined
      ? []
      : [
          {
            type: typeId === 4 ? "EMAIL" : "PHONE",
            value: typeId === 4 ? (email ?? "") : phone,
            entityId: who.record.id,
            entityTypeId: ENTITY_TYPE_ID[who.kind],
          },
        ];
  const subject =
    typeId === 2
      ? `${direction === 1 ? "Входящий" : "Исходящий"} звонок`
      : typeId === 4
        ? `Re: ${rng.pick(PRODUCTS)}`
        : typeId === 1
          ? "Встреча с клиентом"
          : rng.pick(COMMENTS);
  const duration = typeId === 2 ? rng.int(0, 900) : rng.int(1, 4) * 15 * 60;
  const activity = addActivity(data, {
    ownerTypeId: ENTITY_TYPE_ID[owner.kind],
    ownerId: owner.record.id,
    typeId,
    subject,
    responsibleId,
    authorId: responsibleId,
    created: start,
    startTime: start,
    endTime: start + duration * 1000,
    completed,
    direction,
    description: typeId === 4 ? "Добрый день! Направляем информацию по вашему запросу." : "",
    descriptionType: typeId === 4 ? 3 : 1,
    communications: comm,
  });
  if (typeId === 2 && who.kind !== "deal" && rng.chance(0.5)) {
    addCall(gen, activity.id, who, phone, start, duration, direction, responsibleId);
  }
}

function addCall(
  gen: Gen,
  activityId: number,
  who: { kind: CrmKind; record: CrmRecord },
  phone: string,
  start: number,
  duration: number,
  direction: number,
  userId: number,
): void {
  const { rng, data } = gen;
  const answered = duration > 0 && rng.chance(0.85);
  let recordId: number | null = null;
  if (answered && rng.chance(0.6)) {
    const file = addFile(data, {
      name: flat(`record_${activityId}.mp3`),
      size: rng.int(2, 48) * 1024,
      createdBy: userId,
      createdAt: start + duration * 1000,
    });
    recordId = file.id;
    data.activities.get(activityId)?.files.push(file.id);
  }
  const seq = data.nextCallSeq();
  data.calls.insert({
    id: data.calls.nextId(),
    f: {
      CALL_ID: flat(
        `externalCall.${(seq * 2654435761).toString(16).padStart(32, "0").slice(-32)}.${Math.floor(start / 1000)}`,
      ),
      EXTERNAL_CALL_ID: null,
      CALL_CATEGORY: "external",
      PORTAL_USER_ID: userId,
      PORTAL_NUMBER: "REST_APP:1",
      PHONE_NUMBER: flat(phone.replace(/[^\d+]/g, "")),
      CALL_TYPE: direction === 1 ? 2 : 1,
      CALL_DURATION: answered ? duration : 0,
      CALL_START_DATE: start,
      CALL_RECORD_URL: null,
      RECORD_FILE_ID: recordId,
      CALL_VOTE: null,
      COST: 0,
      COST_CURRENCY: "RUB",
      CALL_FAILED_CODE: answered ? "200" : "304",
      CALL_FAILED_REASON: answered ? "" : "Missed call",
      CRM_ENTITY_TYPE: OWNER_TYPE_NAME[who.kind],
      CRM_ENTITY_ID: who.record.id,
      CRM_ACTIVITY_ID: activityId,
      REST_APP_ID: null,
      COMMENT: null,
    },
  });
}

function addRandomComment(gen: Gen): void {
  const owner = pickOwner(gen);
  if (!owner) return;
  addTimelineComment(gen.data, {
    entityTypeId: ENTITY_TYPE_ID[owner.kind],
    entityId: owner.record.id,
    comment: gen.rng.pick(COMMENTS),
    authorId: Number(owner.record.f.ASSIGNED_BY_ID ?? 1),
    created: after(gen, owner.record),
  });
}

function addRandomTask(gen: Gen, i: number, n: number): void {
  const { rng, data } = gen;
  const created = Math.floor(gen.from + ((gen.until - gen.from) * (i + rng.next() * 0.9)) / n);
  const owner = rng.chance(0.5) ? pickOwner(gen) : null;
  const prefix = owner
    ? ({ lead: "L", deal: "D", contact: "C", company: "CO" } as const)[owner.kind]
    : "";
  const responsible = rng.pick(gen.users);
  const creator = rng.pick(gen.users);
  const status =
    created < gen.until - 30 * 24 * HOUR
      ? rng.weighted([
          [5, 8],
          [2, 1],
          [6, 1],
        ])
      : rng.pick([2, 3]);
  const task = addTask(data, {
    TITLE: flat(
      owner
        ? `Подготовить документы: ${String(owner.record.f.TITLE ?? owner.record.f.LAST_NAME ?? "")}`
        : `Задача №${i + 1}`,
    ),
    DESCRIPTION: rng.pick(COMMENTS),
    RESPONSIBLE_ID: responsible,
    CREATED_BY: creator,
    CREATED_DATE: created,
    CHANGED_DATE: created,
    DEADLINE: created + rng.int(1, 14) * 24 * HOUR,
    STATUS: status,
    PRIORITY: rng.pick([1, 1, 2]),
    CLOSED_DATE: status === 5 ? created + rng.int(1, 10) * 24 * HOUR : null,
    UF_CRM_TASK: owner ? [`${prefix}_${owner.record.id}`] : [],
  });
  for (let c = rng.int(0, 3); c > 0; c--) {
    addTaskComment(data, {
      taskId: task.id,
      authorId: rng.chance(0.5) ? responsible : creator,
      message: rng.pick(COMMENTS),
      postDate: created + rng.int(1, 72) * HOUR,
    });
  }
}
