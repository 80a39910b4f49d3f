/**
 * Is the target exact? Reads both sandbox portals' tables directly (no API calls,
 * so the check costs the run nothing) and compares each source record with its
 * copy, found by the origin stamp the engine writes (`ORIGINATOR_ID` =
 * `pereezd:<migrationId>`, `ORIGIN_ID` = source id): one copy per source record,
 * no copy without a source, and every link pointing at the right copy —
 * contact ↔ companies, deal → company, deal → contacts, responsible users.
 */
import type { Mapping } from "../../core/mapping/index.js";
import type { PortalData } from "../../sandbox/bitrix24/data/portal-data.js";
import type { CrmKind, CrmRecord } from "../../sandbox/bitrix24/data/types.js";

export const TABLES = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
} as const;
export type WorldEntity = keyof typeof TABLES;

export interface EntityCheck {
  source: number;
  /** Target records stamped by this migration. */
  copies: number;
  /** Target records in the table, stamped or not. */
  targetRows: number;
  /** Source ids copied more than once. */
  duplicates: string[];
  /** Source ids without a copy. */
  missing: string[];
  /** Links that do not point where the source's do (first few, with a total). */
  linkErrors: string[];
  linkErrorCount: number;
}

export type TargetCheck = Record<WorldEntity, EntityCheck>;

/** A stored id or value as text ("" for none). */
const text = (v: unknown): string =>
  typeof v === "string" ? v : typeof v === "number" || typeof v === "boolean" ? String(v) : "";

/** Target copies of one table by source id (all of them, to see duplicates). */
function copiesOf(target: PortalData, kind: CrmKind, tag: string): Map<string, CrmRecord[]> {
  const copies = new Map<string, CrmRecord[]>();
  for (const row of target.crm[kind].rows) {
    if (row.f.ORIGINATOR_ID !== tag) continue;
    const id = text(row.f.ORIGIN_ID);
    const list = copies.get(id);
    if (list) list.push(row);
    else copies.set(id, [row]);
  }
  return copies;
}

/** Compares the target with the source for migration `migrationId` (see the module comment). */
export function checkTarget(
  source: PortalData,
  target: PortalData,
  migrationId: string,
  mapping: Mapping,
): TargetCheck {
  const tag = `pereezd:${migrationId}`;
  const copies = Object.fromEntries(
    Object.entries(TABLES).map(([entity, kind]) => [entity, copiesOf(target, kind, tag)]),
  ) as Record<WorldEntity, Map<string, CrmRecord[]>>;
  /** The target id a source id of `entity` must have become ("" for none). */
  const copyId = (entity: WorldEntity, id: unknown) =>
    text(id) === "" ? "" : text(copies[entity].get(text(id))?.[0]?.id);
  const user = (id: unknown) =>
    mapping.users.byId[text(id)] ?? text(mapping.users.defaultTargetUserId);
  const linkIds = (r: CrmRecord) =>
    (r.links ?? [])
      .map((l) => text(l.id))
      .sort()
      .join(",");
  const primary = (r: CrmRecord) => text((r.links ?? []).find((l) => l.primary)?.id);

  const check = {} as TargetCheck;
  for (const [entity, kind] of Object.entries(TABLES) as Array<[WorldEntity, CrmKind]>) {
    const mine = copies[entity];
    const errors: string[] = [];
    const expect = (id: number, what: string, want: string, got: string) => {
      if (want !== got)
        errors.push(`${entity} ${id} ${what}: expected ${want || "none"}, got ${got || "none"}`);
    };
    const missing: string[] = [];
    for (const record of source.crm[kind].rows) {
      const copy = mine.get(String(record.id))?.[0];
      if (copy === undefined) {
        missing.push(String(record.id));
        continue;
      }
      expect(record.id, "responsible", user(record.f.ASSIGNED_BY_ID), text(copy.f.ASSIGNED_BY_ID));
      if (kind === "deal")
        expect(
          record.id,
          "company",
          copyId("companies", record.f.COMPANY_ID),
          text(copy.f.COMPANY_ID),
        );
      if (kind === "deal" || kind === "contact") {
        const linked: WorldEntity = kind === "deal" ? "contacts" : "companies";
        const want = (record.links ?? [])
          .map((l) => copyId(linked, l.id))
          .sort()
          .join(",");
        expect(record.id, linked, want, linkIds(copy));
        expect(record.id, `primary of ${linked}`, copyId(linked, primary(record)), primary(copy));
      }
    }
    check[entity] = {
      source: source.crm[kind].size,
      copies: [...mine.values()].reduce((n, list) => n + list.length, 0),
      targetRows: target.crm[kind].size,
      duplicates: [...mine].filter(([, list]) => list.length > 1).map(([id]) => id),
      missing,
      linkErrors: errors.slice(0, 5),
      linkErrorCount: errors.length,
    };
  }
  return check;
}

/** True when every entity is exact: one copy per source record, nothing else, all links right. */
export function isExact(check: TargetCheck): boolean {
  return Object.values(check).every(
    (c) =>
      c.copies === c.source &&
      c.targetRows === c.source &&
      c.duplicates.length === 0 &&
      c.missing.length === 0 &&
      c.linkErrorCount === 0,
  );
}
