/**
 * Creating what a migration needs in the target before records: custom fields
 * (`crm.<entity>.userfield.add`), list items (`crm.<entity>.userfield.update` with
 * new `LIST` entries), pipelines (`crm.category.add`) and stages/statuses
 * (`crm.status.add`). Idempotent: existing fields and items are matched by label
 * (and type or pipeline) first, and new codes are derived from the label, so a
 * repeated create is refused rather than duplicated.
 *
 * https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-add.html,
 * https://apidocs.bitrix24.com/api-reference/crm/deals/user-defined-fields/crm-deal-userfield-update.html,
 * https://apidocs.bitrix24.com/api-reference/crm/universal/category/crm-category-add.html,
 * https://apidocs.bitrix24.com/api-reference/crm/status/crm-status-add.html
 */
import { createHash } from "node:crypto";
import { invalidInput } from "../../errors.js";
import type { Sleep } from "../../http/sleep.js";
import type { EntityKind } from "../../model/canonical.js";
import type { FieldSchema } from "../../model/schema.js";
import type { FieldSpec } from "../connector.js";
import type { Bitrix24Client, Command, CommandOutcome } from "./client.js";
import { BATCH_LIMIT } from "./client.js";
import { runCommands } from "./command-loop.js";
import { canonicalType, userTypeFor } from "./field-types.js";
import { crmName } from "./names.js";
import { chunks } from "./records.js";
import type { Described } from "./schema.js";

export interface EnsureDeps {
  client: Bitrix24Client;
  sleep: Sleep;
  /** A fresh describe (also refreshes the connector's cache). */
  describe: (entity: EntityKind, signal: AbortSignal) => Promise<Described>;
}

/** Labels compared the way people read them: case, spaces and ё/е do not matter. */
export const sameLabel = (a: string, b: string): boolean => norm(a) === norm(b);
const norm = (s: string) => s.trim().replace(/\s+/g, " ").toLowerCase().replace(/ё/g, "е");

/** A stable code from a label: `PZ` + 8 base-36 characters (fits every Bitrix24 limit). */
export function codeFor(...parts: string[]): string {
  const hash = createHash("sha1").update(parts.map(norm).join("\u0000")).digest();
  return `PZ${hash.readBigUInt64BE(0).toString(36).toUpperCase().padStart(8, "0").slice(0, 8)}`;
}

export async function send(
  deps: EnsureDeps,
  commands: Command[],
  signal: AbortSignal,
): Promise<Map<string, CommandOutcome>> {
  const out = new Map<string, CommandOutcome>();
  for (const part of chunks(commands, BATCH_LIMIT)) {
    // Codes are derived from labels, so sending a create twice is refused, never duplicated.
    const answers = await runCommands(deps.client, part, (c, key) => ({ ...c, key }), {
      kind: "setup",
      signal,
      sleep: deps.sleep,
      idempotent: true,
    });
    for (const [command, outcome] of answers) out.set(command.key, outcome);
  }
  return out;
}

function fieldMatches(field: FieldSchema, spec: FieldSpec, entity: EntityKind): boolean {
  if (!field.custom || !sameLabel(field.label, spec.label)) return false;
  const user = userTypeFor(spec.type);
  return (
    field.type === spec.type ||
    (user !== null && field.type === canonicalType(entity, field.code, user.userTypeId).type)
  );
}

/** Finds or creates custom fields; their schemas in the order of `specs`. */
export async function ensureFields(
  deps: EnsureDeps,
  entity: EntityKind,
  specs: readonly FieldSpec[],
  signal: AbortSignal,
): Promise<FieldSchema[]> {
  const name = crmName(entity);
  let { schema } = await deps.describe(entity, signal);
  const find = (spec: FieldSpec, code: string) =>
    schema.fields.find((f) => f.code === code) ??
    schema.fields.find((f) => fieldMatches(f, spec, entity));
  const codes = specs.map((spec) => `UF_CRM_${codeFor(spec.label, spec.type)}`);
  const commands: Command[] = [];
  specs.forEach((spec, i) => {
    if (find(spec, codes[i] ?? "") !== undefined) return;
    // FieldSpec names no target entity, so entity_ref fields cannot be created (yet).
    const user = userTypeFor(spec.type);
    if (user === null) {
      throw invalidInput(`Bitrix24 has no custom field type for ${spec.type} ("${spec.label}")`, {
        code: "unsupported_field_type",
        details: { entity, label: spec.label, type: spec.type },
      });
    }
    commands.push({
      key: `f${i}`,
      method: `crm.${name}.userfield.add`,
      params: {
        fields: {
          FIELD_NAME: (codes[i] ?? "").replace(/^UF_CRM_/, ""),
          USER_TYPE_ID: user.userTypeId,
          XML_ID: codes[i] ?? "",
          LABEL: spec.label,
          EDIT_FORM_LABEL: spec.label,
          LIST_COLUMN_LABEL: spec.label,
          LIST_FILTER_LABEL: spec.label,
          MULTIPLE: spec.multiple && user.multipleAllowed ? "Y" : "N",
          ...(user.settings === undefined ? {} : { SETTINGS: user.settings }),
          ...(spec.items === undefined
            ? {}
            : { LIST: spec.items.map((VALUE, n) => ({ VALUE, SORT: (n + 1) * 10 })) }),
        },
      },
    });
  });
  const answers =
    commands.length === 0 ? new Map<string, CommandOutcome>() : await send(deps, commands, signal);
  if (commands.length > 0) ({ schema } = await deps.describe(entity, signal));
  return specs.map((spec, i) => {
    const field = find(spec, codes[i] ?? "");
    if (field !== undefined) return field;
    const answer = answers.get(`f${i}`);
    throw answer !== undefined && !answer.ok
      ? answer.error
      : invalidInput(`The field "${spec.label}" could not be created`, {
          code: "field_not_created",
        });
  });
}
