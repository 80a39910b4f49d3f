/**
 * Activities as `crm.activity.list/get` render them: every scalar a string,
 * dates ISO-8601 with the portal offset, `SETTINGS: []`, and COMMUNICATIONS /
 * FILES only when selected (docs: crm/timeline/activities/activity-base/crm-activity-list.md).
 */
import { formatDateTime } from "../data/dates.js";
import { downloadUrl } from "../data/files.js";
import type { ListSource } from "../data/list-query.js";
import type { PortalData } from "../data/portal-data.js";
import type { ActivityRow, ValueKind } from "../data/types.js";

/** Activity fields and how filters compare them. */
export const ACTIVITY_KINDS: Readonly<Record<string, ValueKind>> = {
  ID: "int",
  OWNER_ID: "int",
  OWNER_TYPE_ID: "int",
  TYPE_ID: "int",
  PROVIDER_ID: "string",
  PROVIDER_TYPE_ID: "string",
  PROVIDER_GROUP_ID: "string",
  ASSOCIATED_ENTITY_ID: "int",
  SUBJECT: "string",
  CREATED: "datetime",
  LAST_UPDATED: "datetime",
  START_TIME: "datetime",
  END_TIME: "datetime",
  DEADLINE: "datetime",
  COMPLETED: "string",
  STATUS: "int",
  RESPONSIBLE_ID: "int",
  PRIORITY: "int",
  NOTIFY_TYPE: "int",
  NOTIFY_VALUE: "int",
  DESCRIPTION: "string",
  DESCRIPTION_TYPE: "int",
  DIRECTION: "int",
  LOCATION: "string",
  ORIGINATOR_ID: "string",
  ORIGIN_ID: "string",
  AUTHOR_ID: "int",
  EDITOR_ID: "int",
};

const DATES = new Set(["CREATED", "LAST_UPDATED", "START_TIME", "END_TIME", "DEADLINE"]);

/** Fields rendered when no `select` is given (everything but COMMUNICATIONS and FILES). */
export const ACTIVITY_DEFAULT_FIELDS: readonly string[] = [
  ...Object.keys(ACTIVITY_KINDS),
  "SETTINGS",
  "PROVIDER_PARAMS",
  "PROVIDER_DATA",
  "RESULT_MARK",
  "RESULT_VALUE",
  "RESULT_SUM",
  "RESULT_CURRENCY_ID",
  "RESULT_STATUS",
  "RESULT_STREAM",
  "RESULT_SOURCE_ID",
  "AUTOCOMPLETE_RULE",
];

const FIXED: Readonly<Record<string, unknown>> = {
  SETTINGS: [],
  PROVIDER_PARAMS: [],
  PROVIDER_DATA: null,
  RESULT_MARK: "0",
  RESULT_VALUE: null,
  RESULT_SUM: null,
  RESULT_CURRENCY_ID: null,
  RESULT_STATUS: "0",
  RESULT_STREAM: "0",
  RESULT_SOURCE_ID: null,
  AUTOCOMPLETE_RULE: "0",
  PROVIDER_GROUP_ID: null,
  NOTIFY_TYPE: "0",
  NOTIFY_VALUE: "0",
  LOCATION: "",
};

/** The activities table for the list engine. */
export function activitySource(data: PortalData): ListSource<ActivityRow> {
  return {
    rows: data.activities.rows,
    idOf: (a) => a.id,
    valueOf: (a, field) => (field === "ID" ? a.id : a.f[field]),
    kindOf: (field) => ACTIVITY_KINDS[field],
  };
}

/** What rendering an activity needs. */
export interface ActivityRenderContext {
  data: PortalData;
  timeZone: string;
  baseUrl: string;
}

/** Renders the named fields of an activity. */
export function renderActivity(
  ctx: ActivityRenderContext,
  a: ActivityRow,
  fields: readonly string[],
): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const name of fields) {
    if (name === "ID") out.ID = String(a.id);
    else if (name === "COMMUNICATIONS") {
      out.COMMUNICATIONS = a.communications.map((c) => ({
        ID: String(c.id),
        TYPE: c.type,
        VALUE: c.value,
        ENTITY_ID: String(c.entityId),
        ENTITY_TYPE_ID: String(c.entityTypeId),
      }));
    } else if (name === "FILES") {
      out.FILES = a.files.map((id) => ({ id, url: downloadUrl(ctx.data, ctx.baseUrl, id) }));
    } else if (name === "BINDINGS") {
      out.BINDINGS = a.bindings.map((b) => ({
        OWNER_TYPE_ID: String(b.ownerTypeId),
        OWNER_ID: String(b.ownerId),
      }));
    } else if (name in a.f) {
      const v = a.f[name];
      out[name] =
        v === null || v === undefined
          ? null
          : DATES.has(name)
            ? formatDateTime(Number(v), ctx.timeZone)
            : String(v);
    } else if (name in FIXED) {
      out[name] = FIXED[name];
    }
  }
  return out;
}
