/**
 * References: users through the mapping's user table (matched by e-mail in the
 * proposal), records through the id map the engine pre-loads for the page.
 * An entity_ref value may carry its entity ("contacts:12") when one field can
 * point at several kinds (Bitrix24 `crm` fields); the prefix is kept.
 */
import { ENTITY_KINDS, type EntityKind, type ScalarValue } from "../../model/canonical.js";
import type { ConverterOf } from "../mapping-schema.js";
import { idOf, stringifyScalar } from "./shapes.js";
import { drop, ok, type ValueContext, type ValueResult } from "./types.js";

/** `user_ref`: mapped user, else the default user / nothing / an error, as `onUnmatched` says. */
export function convertUserRef(
  converter: ConverterOf<"user_ref">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const id = idOf(value);
  if (id === undefined)
    return drop({
      code: "bad_value",
      params: { expected: "user id", value: stringifyScalar(value) },
    });
  const { byId, defaultTargetUserId } = ctx.users;
  const mapped = Object.hasOwn(byId, id) ? byId[id] : undefined;
  if (mapped !== undefined) return ok(mapped);
  if (converter.onUnmatched === "error")
    return drop({ code: "unmatched_user", severity: "error", params: { user: id } });
  if (converter.onUnmatched === "default" && defaultTargetUserId !== null) {
    return ok(defaultTargetUserId, {
      code: "unmatched_user",
      params: { user: id, defaulted: defaultTargetUserId },
    });
  }
  return drop({ code: "unmatched_user", params: { user: id } });
}

const KINDS: ReadonlySet<string> = new Set(ENTITY_KINDS);

function splitRef(
  id: string,
  fallback: EntityKind,
): { entity: EntityKind; id: string; prefixed: boolean } {
  const colon = id.indexOf(":");
  const prefix = colon > 0 ? id.slice(0, colon) : "";
  return KINDS.has(prefix)
    ? { entity: prefix as EntityKind, id: id.slice(colon + 1), prefixed: true }
    : { entity: fallback, id, prefixed: false };
}

/** `entity_ref`: the target id of an already migrated record, else skip / error. */
export function convertEntityRef(
  converter: ConverterOf<"entity_ref">,
  value: ScalarValue,
  ctx: ValueContext,
): ValueResult {
  const raw = idOf(value);
  if (raw === undefined)
    return drop({
      code: "bad_value",
      params: { expected: "record id", value: stringifyScalar(value) },
    });
  const ref = splitRef(raw, converter.entity);
  const target = ctx.resolveRef(ref.entity, ref.id);
  if (target !== undefined) return ok(ref.prefixed ? `${ref.entity}:${target}` : target);
  const issue = { code: "unresolved_ref" as const, params: { entity: ref.entity, id: ref.id } };
  return drop(converter.onUnresolved === "error" ? { ...issue, severity: "error" } : issue);
}
