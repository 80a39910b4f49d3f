/**
 * A migration in words and buttons: one line for the list, the detail card, and
 * the actions its status allows (DESIGN.md §1 "my migrations"). Pure.
 */
import type { EntityKind } from "../../core/model/canonical.js";
import type { Migration, MigrationError, MigrationStatus } from "../../core/store/index.js";
import { t, type Language } from "../i18n.js";
import { readPlanning } from "../services/planning-state.js";
import { entityName, formatNumber, type Button } from "../ui.js";
import { actionData, type MigrationAction } from "./action-data.js";

/** The portals of a migration as the user named them (connection labels). */
export interface Labels {
  source: string;
  target: string;
}

export const statusText = (lang: Language, m: Migration): string =>
  t(lang, `migration.status.${m.status}`);

export function migrationLine(lang: Language, m: Migration, labels: Labels, n: number): string {
  return t(lang, "migration.line", {
    n,
    source: labels.source,
    target: labels.target,
    status: statusText(lang, m),
  });
}

/** Whether the setup dialog got as far as a confirmed mapping. */
const ready = (m: Migration) => m.mapping !== null && m.entities.length > 0;

export type Side = "source" | "target";

/** Statuses in which a job may be using the connections (or none was set up yet). */
const NO_ACCESS_CHANGE: readonly MigrationStatus[] = [
  "draft",
  "queued",
  "running",
  "pausing",
  "cancelling",
  "pilot_running",
];

/**
 * The sides whose access the user may renew now: after a stop by an `auth` error,
 * the side it names (both when an older record does not say), while no job runs.
 */
export function accessSides(m: Migration): Side[] {
  if (m.lastError?.kind !== "auth" || NO_ACCESS_CHANGE.includes(m.status)) return [];
  return m.lastError.side === undefined ? ["source", "target"] : [m.lastError.side];
}

export const accessAction = (side: Side): MigrationAction => `access_${side}`;

/** Statuses a renewal of access resumes (the way the resume button does); others just go on. */
export const RESUMABLE: readonly MigrationStatus[] = ["paused", "failed"];

/** The step a resume re-enqueues: the run or delta that stopped. */
export const lastStep = (m: Migration): "run" | "delta" =>
  m.options.lastStep === "delta" ? "delta" : "run";

/** What can be done with the migration now, as action names; renewing access first. */
export function actionsFor(m: Migration): MigrationAction[] {
  return [...accessSides(m).map(accessAction), ...statusActions(m)];
}

function statusActions(m: Migration): MigrationAction[] {
  switch (m.status) {
    case "draft":
      return ["cancel"];
    case "discovered":
      return ready(m) ? ["pilot", "run", "cancel"] : ["cancel"];
    case "pilot_done":
      return ["run", "rollback", "pilot", "cancel"];
    case "queued":
    case "running":
      return ["pause", "cancel"];
    case "pausing":
      return ["cancel"];
    case "paused":
    case "failed":
      return ["resume", "cancel"];
    case "completed":
      return ["delta", "rollback"];
    case "cancelled":
      return ["rollback"];
    default:
      return [];
  }
}

function button(
  lang: Language,
  m: Migration,
  action: MigrationAction,
  labels: Labels,
  pilotSize = 0,
): Button {
  const portal = action === "access_target" ? labels.target : labels.source;
  return {
    text: t(lang, `actions.${action}`, { count: pilotSize, portal }),
    data: actionData(action, m.id),
  };
}

export function actionButtons(
  lang: Language,
  m: Migration,
  labels: Labels,
  pilotSize: number,
): Button[][] {
  return actionsFor(m).map((action) => [button(lang, m, action, labels, pilotSize)]);
}

/** Only the "update access to <portal>" buttons (under the notifier's message about the stop). */
export function accessButtons(lang: Language, m: Migration, labels: Labels): Button[][] {
  return accessSides(m).map((side) => [button(lang, m, accessAction(side), labels)]);
}

interface ReportTotals {
  written: number;
  failed: number;
}

function reportTotals(report: unknown): ReportTotals | null {
  const entities = (report as { entities?: unknown } | null | undefined)?.entities;
  if (!Array.isArray(entities)) return null;
  return entities.reduce<ReportTotals>(
    (sum, e: { written?: unknown; failed?: unknown }) => ({
      written: sum.written + (typeof e.written === "number" ? e.written : 0),
      failed: sum.failed + (typeof e.failed === "number" ? e.failed : 0),
    }),
    { written: 0, failed: 0 },
  );
}

function errorLine(lang: Language, error: MigrationError, labels: Labels): string {
  if (error.kind === "auth" && error.side !== undefined)
    return t(lang, "migration.error.auth_portal", { portal: labels[error.side] });
  return t(lang, `migration.error.${error.kind}`);
}

/** The detail card. */
export function migrationCard(lang: Language, m: Migration, labels: Labels): string {
  const planning = readPlanning(m);
  const entities = m.entities as EntityKind[];
  const lines = [
    t(lang, "migration.title", { source: labels.source, target: labels.target }),
    t(lang, "migration.status_line", { status: statusText(lang, m) }),
  ];
  if (entities.length > 0) {
    const counted = entities.map(
      (e) => `${entityName(lang, e)} (${formatNumber(lang, planning.counts[e] ?? 0)})`,
    );
    lines.push(t(lang, "migration.entities", { entities: counted.join(", ") }));
  }
  const totals = reportTotals(m.report);
  if (totals !== null) {
    lines.push(
      t(lang, "migration.report", {
        written: formatNumber(lang, totals.written),
        failed: formatNumber(lang, totals.failed),
      }),
    );
  }
  if (m.lastError !== undefined) lines.push(errorLine(lang, m.lastError, labels));
  if (m.status === "draft" || (m.status === "discovered" && !ready(m)))
    lines.push(t(lang, "migration.unfinished"));
  return lines.join("\n");
}
