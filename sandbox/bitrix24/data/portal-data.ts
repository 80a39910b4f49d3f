/**
 * The records of one emulated portal: in-memory tables with id counters,
 * deal↔contact and contact↔company links, multi-field ids and dictionary
 * look-ups. It holds data only; validation lives in `crm-write.ts`, wire
 * formats in `../methods/`.
 *
 * Memory: every record is `{id, f}` (+ optional multi-fields and links) with
 * values stored compactly (dates as numbers); 200,000 CRM records fit in a
 * few hundred MB at most and list by `>ID` with a binary search.
 */
import { randomBytes } from "node:crypto";
import { Table } from "./table.js";
import type {
  ActivityRow,
  Binding,
  CrmKind,
  CrmRecord,
  DiskFileRow,
  PendingCall,
  Row,
  UserFieldDef,
} from "./types.js";

/** A currency of the portal (`crm.currency.list`). */
export interface Currency {
  id: string;
  base: boolean;
  name: string;
}

/** Id sequences that are not table ids (multi-field values, list items…). */
export interface Counters {
  multiField: number;
  enumItem: number;
  communication: number;
  call: number;
}

/** Options of the PortalData constructor. */
export interface PortalDataOptions {
  /** Clock for DATE_CREATE/DATE_MODIFY; defaults to `Date.now`. */
  now?: () => number;
  /** Secret signing download tokens; random by default. */
  secret?: string;
}

/** UF entity id of each kind (`CRM_DEAL`…), as `crm.deal.userfield.list` shows it. */
export const UF_ENTITY: Readonly<Record<CrmKind, string>> = {
  lead: "CRM_LEAD",
  contact: "CRM_CONTACT",
  company: "CRM_COMPANY",
  deal: "CRM_DEAL",
};

/** All tables of one portal; see the module comment. */
export class PortalData {
  /** Replaceable so a generator can fill a portal on a fixed clock. */
  now: () => number;
  readonly secret: string;
  readonly users = new Table<Row>();
  readonly departments = new Table<Row>();
  readonly crm: Readonly<Record<CrmKind, Table<CrmRecord>>> = {
    lead: new Table<CrmRecord>(),
    contact: new Table<CrmRecord>(),
    company: new Table<CrmRecord>(),
    deal: new Table<CrmRecord>(),
  };
  /** `crm.status` rows: ENTITY_ID, STATUS_ID, NAME, SORT, SYSTEM, CATEGORY_ID, COLOR, SEMANTICS. */
  readonly statuses = new Table<Row>();
  /** Deal pipelines; id 0 is the default one. */
  readonly categories = new Table<Row>();
  readonly userFields = new Table<UserFieldDef>();
  readonly activities = new Table<ActivityRow>();
  readonly timelineComments = new Table<Row>();
  readonly tasks = new Table<Row>();
  readonly taskComments = new Table<Row>();
  /** `voximplant.statistic.get` rows. */
  readonly calls = new Table<Row>();
  readonly files = new Table<DiskFileRow>();
  readonly pendingCalls = new Map<string, PendingCall>();
  currencies: Currency[] = [];

  private seq: Counters = { multiField: 0, enumItem: 0, communication: 0, call: 0 };
  /** company id → contact ids (arrays: far lighter than Sets for 1–3 items). */
  private readonly companyContacts = new Map<number, number[]>();
  private statusCache: { size: number; last: number; index: Map<string, Row[]> } | undefined;

  constructor(options: PortalDataOptions = {}) {
    this.now = options.now ?? Date.now;
    this.secret = options.secret ?? randomBytes(16).toString("hex");
  }

  nextMultiFieldId(): number {
    return ++this.seq.multiField;
  }

  nextEnumItemId(): number {
    return ++this.seq.enumItem;
  }

  nextCommunicationId(): number {
    return ++this.seq.communication;
  }

  nextCallSeq(): number {
    return ++this.seq.call;
  }

  /** Counters that are not table ids, for seed files. */
  get counters(): Readonly<Counters> {
    return { ...this.seq };
  }

  restoreCounters(values: Partial<Counters>): void {
    this.seq = { ...this.seq, ...values };
  }

  baseCurrency(): string {
    return this.currencies.find((c) => c.base)?.id ?? this.currencies[0]?.id ?? "USD";
  }

  isAdmin(userId: number): boolean {
    return this.users.get(userId)?.f.IS_ADMIN === "Y";
  }

  /** Active user by id, or undefined. */
  activeUser(userId: number): Row | undefined {
    const user = this.users.get(userId);
    return user && user.f.ACTIVE !== "N" ? user : undefined;
  }

  /** Status rows of one dictionary (`DEAL_STAGE_1`, `SOURCE`…) ordered by SORT. */
  statusesOf(entityId: string): readonly Row[] {
    return this.statusIndex().get(entityId) ?? [];
  }

  findStatus(entityId: string, statusId: string): Row | undefined {
    return this.statusesOf(entityId).find((s) => s.f.STATUS_ID === statusId);
  }

  /** Call after changing a status row in place (SORT, ENTITY_ID…). */
  invalidateStatuses(): void {
    this.statusCache = undefined;
  }

  private statusIndex(): Map<string, Row[]> {
    const size = this.statuses.size;
    const last = this.statuses.maxIssuedId;
    const cache = this.statusCache;
    if (cache && cache.size === size && cache.last === last) return cache.index;
    const index = new Map<string, Row[]>();
    for (const s of this.statuses.rows) {
      const key = String(s.f.ENTITY_ID);
      const list = index.get(key);
      if (list) list.push(s);
      else index.set(key, [s]);
    }
    for (const list of index.values()) {
      list.sort((a, b) => Number(a.f.SORT) - Number(b.f.SORT) || a.id - b.id);
    }
    this.statusCache = { size, last, index };
    return index;
  }

  /** Stage dictionary of a deal pipeline. */
  dealStageEntity(categoryId: number): string {
    return categoryId === 0 ? "DEAL_STAGE" : `DEAL_STAGE_${categoryId}`;
  }

  userFieldsOf(kind: CrmKind): UserFieldDef[] {
    return this.userFields.rows.filter((u) => u.entityId === UF_ENTITY[kind]);
  }

  userField(kind: CrmKind, fieldName: string): UserFieldDef | undefined {
    return this.userFields.rows.find(
      (u) => u.entityId === UF_ENTITY[kind] && u.fieldName === fieldName,
    );
  }

  /** Replaces a deal's contacts or a contact's companies; keeps the company→contacts index. */
  setLinks(kind: "deal" | "contact", record: CrmRecord, links: Binding[]): void {
    if (kind === "contact") {
      for (const old of record.links ?? []) {
        const ids = this.companyContacts.get(old.id);
        const at = ids ? ids.indexOf(record.id) : -1;
        if (ids && at >= 0) ids.splice(at, 1);
      }
      for (const link of links) {
        const ids = this.companyContacts.get(link.id);
        if (!ids) this.companyContacts.set(link.id, [record.id]);
        else if (!ids.includes(record.id)) ids.push(record.id);
      }
    }
    record.links = links.length > 0 ? links : undefined;
  }

  /** Contact ids linked to a company (reverse of contact→company links). */
  contactsOfCompany(companyId: number): number[] {
    return [...(this.companyContacts.get(companyId) ?? [])].sort((a, b) => a - b);
  }

  /** The primary link's id (deal CONTACT_ID, contact COMPANY_ID), or null. */
  primaryLink(record: CrmRecord): number | null {
    const links = record.links;
    if (!links || links.length === 0) return null;
    return (links.find((l) => l.primary) ?? links[0] ?? null)?.id ?? null;
  }

  /** Removes a CRM record and the links pointing at it. */
  deleteCrm(kind: CrmKind, id: number): boolean {
    const record = this.crm[kind].get(id);
    if (!record) return false;
    if (kind === "contact") this.setLinks("contact", record, []);
    if (kind === "contact") {
      for (const deal of this.crm.deal.rows) {
        if (deal.links?.some((l) => l.id === id)) {
          this.setLinks(
            "deal",
            deal,
            deal.links.filter((l) => l.id !== id),
          );
        }
      }
    }
    if (kind === "company") {
      for (const contactId of this.contactsOfCompany(id)) {
        const contact = this.crm.contact.get(contactId);
        if (contact?.links) {
          this.setLinks(
            "contact",
            contact,
            contact.links.filter((l) => l.id !== id),
          );
        }
      }
    }
    return this.crm[kind].delete(id);
  }
}
