/**
 * Looking at both CRMs before anything is stored (DESIGN.md §1 steps 2–4):
 * check the credentials live (account, user, scopes), describe the chosen
 * entities on both sides, list both sides' users, and either propose a mapping
 * or check the one the operator gave against the two schemas.
 *
 * Read-only by construction: it only calls `check`, `describe` and `listUsers`,
 * so a refusal here (wrong code, missing scopes, a mapping that names unknown
 * fields) leaves both portals and the state exactly as they were (DESIGN.md §6).
 */
import type { ConnectionCheck, Connector } from "../connectors/connector.js";
import { invalidInput, PereezdError } from "../errors.js";
import {
  validateMapping,
  type Mapping,
  type MappingProblem,
  type MappingSchemas,
  type ReviewItem,
} from "../mapping/index.js";
import type { EntityKind } from "../model/canonical.js";
import { orderEntities } from "../model/plan.js";
import {
  describePortals,
  onSide,
  proposeFor,
  type PortalSchemas,
  type Side,
} from "./describe-portals.js";

export type { Side } from "./describe-portals.js";

export interface InspectInput {
  source: Connector;
  target: Connector;
  entities: readonly EntityKind[];
  /** A mapping from a file (already parsed); checked instead of proposing one. */
  mapping?: Mapping;
  /** IANA zone naive source times are read in and target times written in. */
  timeZone: string;
  signal?: AbortSignal;
}

export interface Inspection {
  checks: Record<Side, ConnectionCheck>;
  /** The chosen entities in dependency order. */
  entities: EntityKind[];
  schemas: PortalSchemas;
  mapping: Mapping;
  /** True when the mapping is the proposal, false when it came from the caller. */
  proposed: boolean;
  /** What the proposal wants a person to look at, per source entity (empty for a given mapping). */
  review: Partial<Record<EntityKind, ReviewItem[]>>;
  /** Non-blocking problems of a given mapping. */
  warnings: MappingProblem[];
}

/** The chosen entities, refused when empty or when either side cannot move one. */
export function checkEntities(
  source: Connector,
  target: Connector,
  entities: readonly EntityKind[],
): EntityKind[] {
  const ordered = orderEntities(entities);
  if (ordered.length === 0)
    throw invalidInput("Choose at least one entity to migrate", { code: "no_entities" });
  const unsupported = ordered.filter(
    (e) => !source.entities.includes(e) || !target.entities.includes(e),
  );
  if (unsupported.length > 0) {
    throw invalidInput(`These entities cannot be migrated yet: ${unsupported.join(", ")}`, {
      code: "unsupported_entity",
      details: { entities: unsupported, supported: source.entities },
    });
  }
  return ordered;
}

/** Checks both connections and refuses missing scopes or the same account on both sides. */
export async function checkBoth(
  source: Connector,
  target: Connector,
  signal?: AbortSignal,
): Promise<Record<Side, ConnectionCheck>> {
  const checks = {
    source: await onSide("source", () => source.check(signal)),
    target: await onSide("target", () => target.check(signal)),
  };
  for (const side of ["source", "target"] as const) {
    const { missingScopes, accountName } = checks[side];
    if (missingScopes.length > 0) {
      throw new PereezdError(
        "auth",
        `The ${side} connection to ${accountName} lacks the permissions (scopes) ${missingScopes.join(", ")}; grant them to the webhook or app and try again`,
        { code: "missing_scopes", details: { side, account: accountName, missingScopes } },
      );
    }
  }
  const key = (c: ConnectionCheck) => c.accountId ?? c.accountName;
  if (key(checks.source) === key(checks.target)) {
    throw invalidInput(
      `The source and the target are the same account (${checks.source.accountName}); choose two different portals`,
      { code: "same_account", details: { account: checks.source.accountName } },
    );
  }
  return checks;
}

/** See the module comment. Throws `invalid_input` with `details.problems` for a bad mapping. */
export async function inspectPortals(input: InspectInput): Promise<Inspection> {
  const { source, target, signal } = input;
  const entities = checkEntities(source, target, input.entities);
  const checks = await checkBoth(source, target, signal);
  const { mapping: given } = input;
  const schemas = await describePortals(source, target, entities, {
    targetOf: (entity) => given?.entities[entity]?.target ?? entity,
    ...(signal === undefined ? {} : { signal }),
  });

  if (given !== undefined) {
    const mapping = onlyEntities(given, entities);
    const warnings = checkGivenMapping(mapping, entities, schemas);
    return { checks, entities, schemas, mapping, proposed: false, review: {}, warnings };
  }
  const admin = checks.target.user.isAdmin ? [checks.target.user.id] : [];
  const proposal = proposeFor(entities, schemas, input.timeZone, admin);
  return {
    checks,
    entities,
    schemas,
    mapping: proposal.mapping,
    proposed: true,
    review: proposal.review,
    warnings: [],
  };
}

/** The mapping restricted to the chosen entities (a file may carry more). */
function onlyEntities(mapping: Mapping, entities: readonly EntityKind[]): Mapping {
  const kept = Object.entries(mapping.entities).filter(([e]) => entities.includes(e as EntityKind));
  return { ...mapping, entities: Object.fromEntries(kept) };
}

/** Errors of a given mapping throw (all of them, with paths); warnings are returned. */
function checkGivenMapping(
  mapping: Mapping,
  entities: readonly EntityKind[],
  schemas: MappingSchemas,
): MappingProblem[] {
  const problems = validateMapping(mapping, schemas);
  for (const entity of entities) {
    if (mapping.entities[entity] === undefined) {
      problems.push({
        path: `entities.${entity}`,
        code: "unknown_entity",
        severity: "error",
        params: { side: "mapping", entity },
      });
    }
  }
  const errors = problems.filter((p) => p.severity === "error");
  if (errors.length > 0) {
    throw invalidInput(`The mapping does not fit these portals (${errors.length} problems)`, {
      code: "mapping_invalid",
      details: { problems: errors },
    });
  }
  return problems;
}
