/**
 * Inserting activities, timeline comments, tasks and task comments — shared
 * by the generator and the REST methods so both leave the same traces
 * (a task bound to CRM through `UF_CRM_TASK` gets a task activity, as in
 * docs: crm/timeline/activities/activity-base/crm-activity-add.md).
 */
import type { PortalData } from "./portal-data.js";
import {
  ENTITY_TYPE_ID,
  KIND_BY_ENTITY_TYPE_ID,
  type ActivityRow,
  type Communication,
  type Row,
  type StoredValue,
} from "./types.js";

/** `PROVIDER_ID`/`PROVIDER_TYPE_ID` per activity TYPE_ID. */
export const PROVIDERS: Readonly<Record<number, readonly [string, string]>> = {
  1: ["CRM_MEETING", "MEETING"],
  2: ["VOXIMPLANT_CALL", "CALL"],
  3: ["TASKS_TASK", "TASK"],
  4: ["CRM_EMAIL", "EMAIL"],
  5: ["CRM_CALENDAR", "EVENT"],
  6: ["CRM_TODO", "TODO"],
};

/** An activity to insert (UPPER_CASE fields are derived). */
export interface NewActivity {
  ownerTypeId: number;
  ownerId: number;
  typeId: number;
  subject: string;
  responsibleId: number;
  authorId: number;
  created?: number;
  startTime?: number | null;
  endTime?: number | null;
  deadline?: number | null;
  completed?: boolean;
  direction?: number;
  priority?: number;
  description?: string;
  descriptionType?: number;
  providerId?: string;
  providerTypeId?: string;
  associatedEntityId?: number;
  originatorId?: string | null;
  originId?: string | null;
  communications?: Omit<Communication, "id">[];
  files?: number[];
  extra?: Record<string, StoredValue>;
}

/** Inserts an activity bound to its owner; returns the row. */
export function addActivity(data: PortalData, a: NewActivity): ActivityRow {
  const created = a.created ?? data.now();
  const [providerId, providerTypeId] = PROVIDERS[a.typeId] ?? ["", ""];
  const completed = a.completed ?? false;
  const row: ActivityRow = {
    id: data.activities.nextId(),
    f: {
      OWNER_ID: a.ownerId,
      OWNER_TYPE_ID: a.ownerTypeId,
      TYPE_ID: a.typeId,
      PROVIDER_ID: a.providerId ?? providerId,
      PROVIDER_TYPE_ID: a.providerTypeId ?? providerTypeId,
      ASSOCIATED_ENTITY_ID: a.associatedEntityId ?? 0,
      SUBJECT: a.subject,
      CREATED: created,
      LAST_UPDATED: created,
      START_TIME: a.startTime === undefined ? created : a.startTime,
      END_TIME: a.endTime === undefined ? created : a.endTime,
      DEADLINE: a.deadline === undefined ? (a.startTime ?? created) : a.deadline,
      COMPLETED: completed ? "Y" : "N",
      STATUS: completed ? 2 : 1,
      RESPONSIBLE_ID: a.responsibleId,
      PRIORITY: a.priority ?? 2,
      DESCRIPTION: a.description ?? "",
      DESCRIPTION_TYPE: a.descriptionType ?? 1,
      DIRECTION: a.direction ?? 0,
      AUTHOR_ID: a.authorId,
      EDITOR_ID: a.authorId,
      ORIGINATOR_ID: a.originatorId ?? null,
      ORIGIN_ID: a.originId ?? null,
      ...a.extra,
    },
    communications: (a.communications ?? []).map((c) => ({ ...c, id: data.nextCommunicationId() })),
    bindings: [{ ownerTypeId: a.ownerTypeId, ownerId: a.ownerId }],
    files: a.files ?? [],
  };
  data.activities.insert(row);
  touchLastActivity(data, a.ownerTypeId, a.ownerId, created, a.responsibleId);
  return row;
}

/** Sets LAST_ACTIVITY_TIME/BY on the owner record (not DATE_MODIFY). */
function touchLastActivity(
  data: PortalData,
  typeId: number,
  id: number,
  at: number,
  by: number,
): void {
  const kind = KIND_BY_ENTITY_TYPE_ID[typeId];
  const record = kind ? data.crm[kind].get(id) : undefined;
  if (!record) return;
  if (Number(record.f.LAST_ACTIVITY_TIME ?? 0) <= at) {
    record.f.LAST_ACTIVITY_TIME = at;
    record.f.LAST_ACTIVITY_BY = by;
  }
}

/** A timeline comment to insert. */
export interface NewTimelineComment {
  entityTypeId: number;
  entityId: number;
  comment: string;
  authorId: number;
  created?: number;
  files?: number[];
}

/** Inserts a timeline comment. */
export function addTimelineComment(data: PortalData, c: NewTimelineComment): Row {
  return data.timelineComments.insert({
    id: data.timelineComments.nextId(),
    f: {
      ENTITY_TYPE_ID: c.entityTypeId,
      ENTITY_ID: c.entityId,
      CREATED: c.created ?? data.now(),
      AUTHOR_ID: c.authorId,
      COMMENT: c.comment,
      FILES: c.files ?? [],
    },
  });
}

/** Parses a `UF_CRM_TASK` binding such as `D_10` to an owner. */
export function parseCrmBinding(value: string): { ownerTypeId: number; ownerId: number } | null {
  const m = /^(L|D|C|CO)_(\d+)$/.exec(value);
  if (!m) return null;
  const kind = ({ L: "lead", D: "deal", C: "contact", CO: "company" } as const)[
    m[1] as "L" | "D" | "C" | "CO"
  ];
  return { ownerTypeId: ENTITY_TYPE_ID[kind], ownerId: Number(m[2]) };
}

/** Inserts a task (UPPER_CASE stored fields) and its CRM task activities. */
export function addTask(data: PortalData, f: Record<string, StoredValue>): Row {
  const now = data.now();
  const created = typeof f.CREATED_DATE === "number" ? f.CREATED_DATE : now;
  const row = data.tasks.insert({
    id: data.tasks.nextId(),
    f: {
      DESCRIPTION: "",
      PRIORITY: 1,
      STATUS: 2,
      GROUP_ID: 0,
      AUDITORS: [],
      ACCOMPLICES: [],
      UF_CRM_TASK: [],
      CREATED_DATE: created,
      CHANGED_DATE: created,
      ACTIVITY_DATE: created,
      CHANGED_BY: f.CREATED_BY ?? null,
      ...f,
    },
  });
  const bindings = Array.isArray(row.f.UF_CRM_TASK)
    ? (row.f.UF_CRM_TASK as readonly unknown[])
    : [];
  for (const binding of bindings) {
    const owner = typeof binding === "string" ? parseCrmBinding(binding) : null;
    if (!owner) continue;
    addActivity(data, {
      ...owner,
      typeId: 3,
      subject: String(row.f.TITLE ?? ""),
      responsibleId: Number(row.f.RESPONSIBLE_ID ?? 1),
      authorId: Number(row.f.CREATED_BY ?? 1),
      created,
      deadline: typeof row.f.DEADLINE === "number" ? row.f.DEADLINE : null,
      completed: row.f.STATUS === 5,
      associatedEntityId: row.id,
    });
  }
  return row;
}

/** A task comment to insert. */
export interface NewTaskComment {
  taskId: number;
  authorId: number;
  message: string;
  postDate?: number;
  files?: number[];
}

/** Inserts a task comment (POST_DATE may be in the past). */
export function addTaskComment(data: PortalData, c: NewTaskComment): Row {
  return data.taskComments.insert({
    id: data.taskComments.nextId(),
    f: {
      TASK_ID: c.taskId,
      AUTHOR_ID: c.authorId,
      POST_DATE: c.postDate ?? data.now(),
      POST_MESSAGE: c.message,
      FILES: c.files ?? [],
    },
  });
}
