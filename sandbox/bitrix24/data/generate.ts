/**
 * A realistic, deterministic CRM for a given size and seed: departments and
 * users with e-mails, companies (15 %), contacts linked to companies (35 %),
 * leads (20 %), deals in two pipelines (30 %), custom fields of every common
 * type, multi-phones and e-mails, then activities, comments, tasks and calls
 * (`generate-history.ts`). The same options always give the same portal.
 */
import { addDealCategory } from "./dictionaries.js";
import { emptyPortalData } from "./empty-portal.js";
import { addCompany, addContact, addDeal, addLead } from "./generate-crm.js";
import { generateHistory } from "./generate-history.js";
import { Rng } from "./generate-pools.js";
import { addCustomFields, addStaff } from "./generate-setup.js";
import type { PortalData } from "./portal-data.js";

export { emptyPortalData } from "./empty-portal.js";

/** Options of `generatePortalData`. */
export interface GenerateOptions {
  /** About how many CRM records (leads + contacts + companies + deals). */
  size: number;
  seed: number;
  /** Newest creation date; records spread over `years` before it. Default 2026-01-01. */
  until?: number;
  years?: number;
  timeZone?: string;
  /** Clock the portal uses after generation (DATE_MODIFY of later writes). */
  now?: () => number;
  /** Employees; default grows with the square root of `size`. */
  users?: number;
  /** Mail domain of employees. */
  domain?: string;
}

const DAY = 86_400_000;

/** Generates a portal; see the module comment. */
export function generatePortalData(options: GenerateOptions): PortalData {
  const rng = new Rng(options.seed);
  const until = options.until ?? Date.UTC(2026, 0, 1);
  const from = until - (options.years ?? 3) * 365 * DAY;
  const tz = options.timeZone ?? "+03:00";
  const domain = options.domain ?? "example.ru";
  const data = emptyPortalData({
    now: () => from,
    adminEmail: `admin@${domain}`,
    companyName: "ООО Ромашка",
  });
  const gen: Gen = { data, rng, from, until, tz, users: [], days: new Map() };

  addStaff(
    gen,
    options.users ?? Math.min(250, 3 + Math.floor(Math.sqrt(options.size) / 2)),
    domain,
  );
  addDealCategory(data, { name: "Оптовые продажи", sort: 600 });
  addCustomFields(data);

  const size = Math.max(0, Math.floor(options.size));
  const companies = Math.round(size * 0.15);
  const contacts = Math.round(size * 0.35);
  const leads = Math.round(size * 0.2);
  const deals = Math.max(0, size - companies - contacts - leads);
  for (let i = 0; i < companies; i++) addCompany(gen, timeAt(gen, i, companies));
  for (let i = 0; i < contacts; i++) addContact(gen, timeAt(gen, i, contacts));
  for (let i = 0; i < leads; i++) addLead(gen, timeAt(gen, i, leads));
  for (let i = 0; i < deals; i++) addDeal(gen, timeAt(gen, i, deals));
  generateHistory(gen, size);
  data.now = options.now ?? Date.now;
  return data;
}

/** Shared generator state. */
export interface Gen {
  data: PortalData;
  rng: Rng;
  from: number;
  until: number;
  tz: string;
  users: number[];
  days: Map<number, string>;
}

/** Creation time of the i-th of n records: increasing with i, jittered. */
function timeAt(gen: Gen, i: number, n: number): number {
  const span = gen.until - gen.from;
  return Math.floor(gen.from + (span * (i + gen.rng.next() * 0.9)) / Math.max(n, 1));
}
