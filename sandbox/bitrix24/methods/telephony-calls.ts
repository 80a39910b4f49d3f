/**
 * `telephony.externalCall.register` and `.finish` (docs:
 * telephony/telephony-external-call-{register,finish}.md). They need an
 * application (OAuth) context: `webhookAllowed: false`, the HTTP layer answers
 * WRONG_AUTH_TYPE. register finds the CRM client by phone (or creates a lead
 * with CRM_CREATE=1) and returns the same CALL_ID for a repeat within 30
 * minutes; finish writes the statistics row and the call activity.
 */
import { createHash } from "node:crypto";
import { addCrmRecord } from "../data/crm-write.js";
import { parseDateTime } from "../data/dates.js";
import { addActivity } from "../data/history.js";
import { normalisePhone } from "../data/multi-fields.js";
import type { PortalData } from "../data/portal-data.js";
import { ENTITY_TYPE_ID, type CrmKind, type PendingCall, type Row } from "../data/types.js";
import {
  RestError,
  type MethodCall,
  type MethodDefinition,
  type MethodResult,
} from "../method-types.js";
import { COST } from "./costs.js";
import { param, positiveIntOf, stringOf } from "./params.js";

const core = (text: string): RestError => new RestError("ERROR_CORE", text);
const KIND_OF: Readonly<Record<string, CrmKind>> = {
  CONTACT: "contact",
  COMPANY: "company",
  LEAD: "lead",
};
const REPEAT_WINDOW_MS = 30 * 60_000;

/** The calling employee by USER_ID or USER_PHONE_INNER. */
export function callUser(call: MethodCall, dot = "."): Row {
  const id = positiveIntOf(param(call.params, "USER_ID"));
  const inner = stringOf(param(call.params, "USER_PHONE_INNER"));
  if (id === undefined && (inner === undefined || inner === ""))
    throw core(`USER_ID or USER_PHONE_INNER should be set${dot}`);
  const { data } = call.portal;
  const user =
    id !== undefined
      ? data.activeUser(id)
      : data.users.rows.find((u) => u.f.UF_PHONE_INNER === inner && u.f.ACTIVE !== "N");
  if (!user) throw core(`User is not found or is not active${dot}`);
  return user;
}

function findClient(data: PortalData, phone: string): { kind: CrmKind; id: number } | null {
  const digits = normalisePhone(phone).slice(-10);
  for (const kind of ["contact", "company", "lead"] as const) {
    const hit = data.crm[kind].rows.find((r) =>
      r.fm?.some((m) => m.type === "PHONE" && normalisePhone(m.value).slice(-10) === digits),
    );
    if (hit) return { kind, id: hit.id };
  }
  return null;
}

function register(call: MethodCall): MethodResult {
  const { data, timeZone } = call.portal;
  const user = callUser(call);
  const phone = stringOf(param(call.params, "PHONE_NUMBER")) ?? "";
  if (normalisePhone(phone).length < 3) throw core("Unsupported phone number format.");
  const type = positiveIntOf(param(call.params, "TYPE"));
  if (type === undefined || type > 5) throw core("Unknown TYPE.");
  const rawStart = param(call.params, "CALL_START_DATE");
  const start =
    rawStart === undefined || rawStart === "" ? data.now() : parseDateTime(rawStart, timeZone);
  if (start === null) throw core("CALL_START_DATE should be in the ISO-8601 format.");
  const externalCallId = stringOf(param(call.params, "EXTERNAL_CALL_ID")) ?? null;
  const lineNumber = stringOf(param(call.params, "LINE_NUMBER")) ?? null;
  const now = data.now();
  for (const p of data.pendingCalls.values()) {
    if (
      p.callerKey === call.caller.callerKey &&
      p.userId === user.id &&
      p.phoneNumber === phone &&
      p.type === type &&
      p.lineNumber === lineNumber &&
      p.externalCallId === externalCallId &&
      now - p.registeredAt < REPEAT_WINDOW_MS
    ) {
      return { result: registrationResult(p) };
    }
  }
  const entityKind = KIND_OF[(stringOf(param(call.params, "CRM_ENTITY_TYPE")) ?? "").toUpperCase()];
  const entityId = positiveIntOf(param(call.params, "CRM_ENTITY_ID"));
  let client =
    entityKind && entityId !== undefined && data.crm[entityKind].get(entityId)
      ? { kind: entityKind, id: entityId }
      : findClient(data, phone);
  let createdLead: number | null = null;
  if (!client && positiveIntOf(param(call.params, "CRM_CREATE")) === 1) {
    const source = stringOf(param(call.params, "CRM_SOURCE"));
    const lead = addCrmRecord({
      data,
      kind: "lead",
      userId: user.id,
      timeZone,
      fields: {
        TITLE: `Call from ${phone}`,
        SOURCE_ID: source && data.findStatus("SOURCE", source) ? source : "CALL",
      },
      fm: [{ type: "PHONE", value: phone, valueType: "WORK" }],
    });
    createdLead = lead.id;
    client = { kind: "lead", id: lead.id };
  }
  const hash = createHash("md5")
    .update(`${call.portal.memberId}:${data.nextCallSeq()}`)
    .digest("hex");
  const registration: PendingCall = {
    callId: `externalCall.${hash}.${Math.floor(now / 1000)}`,
    userId: user.id,
    phoneNumber: phone,
    type,
    startTime: start,
    externalCallId,
    lineNumber,
    entityType: client ? client.kind.toUpperCase() : null,
    entityId: client?.id ?? null,
    createdLead,
    registeredAt: now,
    callerKey: call.caller.callerKey,
  };
  data.pendingCalls.set(registration.callId, registration);
  return { result: registrationResult(registration) };
}

function registrationResult(p: PendingCall): Record<string, unknown> {
  return {
    CALL_ID: p.callId,
    CRM_CREATED_LEAD: p.createdLead,
    CRM_CREATED_ENTITIES:
      p.createdLead === null ? [] : [{ ENTITY_TYPE: "LEAD", ENTITY_ID: p.createdLead }],
    CRM_ENTITY_TYPE: p.entityType,
    CRM_ENTITY_ID: p.entityId,
  };
}

function finish(call: MethodCall): MethodResult {
  const { data } = call.portal;
  const callId = param(call.params, "CALL_ID");
  if (typeof callId !== "string")
    throw new RestError("INVALID_ARGUMENT", "CALL_ID must be a string");
  const user = callUser(call, "");
  const pending = data.pendingCalls.get(callId);
  if (!pending) throw core("Call is not found (call should be registered prior to finishing)");
  const duration = Math.max(0, positiveIntOf(param(call.params, "DURATION")) ?? 0);
  const statusCode = stringOf(param(call.params, "STATUS_CODE")) ?? (duration > 0 ? "200" : "304");
  const kind = pending.entityType ? KIND_OF[pending.entityType] : undefined;
  const incoming = pending.type !== 1;
  const activity =
    kind && pending.entityId !== null
      ? addActivity(data, {
          ownerTypeId: ENTITY_TYPE_ID[kind],
          ownerId: pending.entityId,
          typeId: 2,
          subject: `${incoming ? "Incoming" : "Outgoing"} call ${pending.phoneNumber}`,
          responsibleId: user.id,
          authorId: user.id,
          created: data.now(),
          startTime: pending.startTime,
          endTime: pending.startTime + duration * 1000,
          completed: true,
          direction: incoming ? 1 : 2,
          communications: [
            {
              type: "PHONE",
              value: pending.phoneNumber,
              entityId: pending.entityId,
              entityTypeId: ENTITY_TYPE_ID[kind],
            },
          ],
        })
      : undefined;
  const cost = Number(stringOf(param(call.params, "COST")) ?? 0);
  const row = data.calls.insert({
    id: data.calls.nextId(),
    f: {
      CALL_ID: callId,
      EXTERNAL_CALL_ID: pending.externalCallId,
      CALL_CATEGORY: "external",
      PORTAL_USER_ID: user.id,
      PORTAL_NUMBER: pending.lineNumber ?? "",
      PHONE_NUMBER: pending.phoneNumber,
      CALL_TYPE: pending.type,
      CALL_DURATION: duration,
      CALL_START_DATE: pending.startTime,
      CALL_RECORD_URL: stringOf(param(call.params, "RECORD_URL")) ?? null,
      RECORD_FILE_ID: null,
      CALL_VOTE: positiveIntOf(param(call.params, "VOTE")) ?? null,
      COST: Number.isFinite(cost) ? cost : 0,
      COST_CURRENCY: stringOf(param(call.params, "COST_CURRENCY")) ?? "",
      CALL_FAILED_CODE: statusCode,
      CALL_FAILED_REASON: stringOf(param(call.params, "FAILED_REASON")) ?? "",
      CRM_ENTITY_TYPE: pending.entityType,
      CRM_ENTITY_ID: pending.entityId,
      CRM_ACTIVITY_ID: activity?.id ?? null,
      REST_APP_ID: call.caller.callerKey,
      COMMENT: null,
    },
  });
  data.pendingCalls.delete(callId);
  return {
    result: {
      CALL_ID: callId,
      EXTERNAL_CALL_ID: pending.externalCallId,
      PORTAL_USER_ID: user.id,
      PHONE_NUMBER: pending.phoneNumber,
      PORTAL_NUMBER: pending.lineNumber ?? "",
      INCOMING: String(pending.type),
      CALL_DURATION: duration,
      CALL_START_DATE: {},
      CALL_STATUS: statusCode === "200" ? 1 : 0,
      CALL_VOTE: row.f.CALL_VOTE,
      COST: row.f.COST,
      COST_CURRENCY: row.f.COST_CURRENCY,
      CALL_FAILED_CODE: statusCode,
      CALL_FAILED_REASON: row.f.CALL_FAILED_REASON,
      REST_APP_ID: call.caller.callerKey,
      REST_APP_NAME: null,
      CRM_ACTIVITY_ID: activity?.id ?? null,
      COMMENT: null,
      CRM_ENTITY_TYPE: pending.entityType,
      CRM_ENTITY_ID: pending.entityId,
      ID: row.id,
    },
  };
}

/** register and finish: application context only. */
export const telephonyCallMethods: MethodDefinition[] = [
  {
    name: "telephony.externalcall.register",
    scope: "telephony",
    webhookAllowed: false,
    cost: COST.telephony,
    handler: register,
  },
  {
    name: "telephony.externalcall.finish",
    scope: "telephony",
    webhookAllowed: false,
    cost: COST.telephony,
    handler: finish,
  },
];
