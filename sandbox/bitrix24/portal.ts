/**
 * One emulated Bitrix24 portal: its records (`data`, owned by the domain side:
 * data/ and methods/) and who may call it and how fast (`access`, owned by the
 * HTTP side: auth/ and limits/).
 */
import type { PortalData } from "./data/portal-data.js";
import type { PortalAccess } from "./auth/portal-access.js";

export type PortalKind = "cloud" | "box";
export type PortalPlan = "standard" | "enterprise";

export interface Portal {
  /** Stable id (the real `member_id`). */
  readonly memberId: string;
  /** Host name the portal answers for, e.g. `source.bitrix24.test`. */
  readonly domain: string;
  readonly kind: PortalKind;
  readonly plan: PortalPlan;
  /** Portal time zone offset used when rendering dates, e.g. `+03:00`. */
  readonly timeZone: string;
  readonly data: PortalData;
  readonly access: PortalAccess;
}
