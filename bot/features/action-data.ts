/**
 * Callback data of the buttons that act on a migration outside any dialog:
 * `m:<action>:<migrationId>` (≤ 64 bytes with UUIDs). Every handler checks that
 * the migration belongs to the chat that pressed the button.
 */
export const MIGRATION_ACTIONS = [
  "show",
  "pilot",
  "run",
  "go",
  "rollback",
  "rbgo",
  "delta",
  "dgo",
  "cancel",
  "resume",
  "pause",
  /** New credentials for the source / target after an `auth` stop (flows/update-access.ts). */
  "access_source",
  "access_target",
] as const;
export type MigrationAction = (typeof MIGRATION_ACTIONS)[number];

export const actionData = (action: MigrationAction, migrationId: string): string =>
  `m:${action}:${migrationId}`;

/** Matches `actionData`; groups: action, migration id. */
export const ACTION_PATTERN = new RegExp(`^m:(${MIGRATION_ACTIONS.join("|")}):([\\w-]{1,100})$`);
