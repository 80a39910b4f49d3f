/**
 * The proposal for a whole migration: every chosen entity plus the user table,
 * as one `Mapping` the user reviews, downloads or confirms.
 */
import type { EntityKind } from "../model/canonical.js";
import type { UserSummary } from "../model/schema.js";
import type { Mapping, TimeZones } from "./mapping-schema.js";
import { proposeEntityMapping, type ProposeEntityInput, type ProposeOptions } from "./propose.js";
import { proposeUserMapping, type UserProposal } from "./propose-users.js";
import type { ReviewItem } from "./review.js";

/** Everything a migration's proposal needs: the chosen entities' schemas, zones, users. */
export interface ProposeMappingInput {
  entities: ReadonlyArray<
    Pick<ProposeEntityInput, "entity" | "targetEntity" | "source" | "target">
  >;
  timeZones: TimeZones;
  sourceUsers?: readonly UserSummary[];
  targetUsers?: readonly UserSummary[];
  /** Target admins, for the default user of unmatched users' records. */
  adminUserIds?: readonly string[];
  options?: ProposeOptions;
}

/** The proposed mapping, the review per source entity, and the user matching (null without users). */
export interface MappingProposal {
  mapping: Mapping;
  review: Partial<Record<EntityKind, ReviewItem[]>>;
  users: UserProposal | null;
}

/** Proposes a whole migration's mapping: every chosen entity plus the user table. */
export function proposeMapping(input: ProposeMappingInput): MappingProposal {
  const users =
    input.sourceUsers && input.targetUsers
      ? proposeUserMapping(input.sourceUsers, input.targetUsers, {
          adminUserIds: input.adminUserIds ?? [],
        })
      : null;
  const mapping: Mapping = {
    version: 1,
    timeZones: input.timeZones,
    users: users?.users ?? { byId: {}, defaultTargetUserId: null },
    entities: {},
  };
  const review: MappingProposal["review"] = {};
  for (const e of input.entities) {
    const proposal = proposeEntityMapping({
      ...e,
      ...(input.sourceUsers ? { sourceUsers: input.sourceUsers } : {}),
      ...(input.targetUsers ? { targetUsers: input.targetUsers } : {}),
      ...(input.options ? { options: input.options } : {}),
    });
    mapping.entities[e.entity] = { target: e.targetEntity ?? e.entity, fields: proposal.rules };
    review[e.entity] = proposal.review;
  }
  return { mapping, review, users };
}
