/**
 * Seed files: a portal's data as JSON, so a scenario can start from a fixed
 * portal instead of a generated one. Loading validates with zod and names the
 * file and the bad path when something is wrong.
 */
import { readFile, writeFile } from "node:fs/promises";
import { z } from "zod";
import { PortalData, type PortalDataOptions } from "./portal-data.js";
import type { Table } from "./table.js";
import type { CrmKind, Row } from "./types.js";

const storedValue = z.union([
  z.string(),
  z.number(),
  z.boolean(),
  z.null(),
  z.array(z.string()).readonly(),
  z.array(z.number()).readonly(),
]);
const id = z.number().int().nonnegative();
const fields = z.record(z.string(), storedValue);
const row = z.object({ id, f: fields });
const multiField = z.object({
  id: id,
  type: z.enum(["PHONE", "EMAIL", "WEB", "IM", "LINK"]),
  valueType: z.string(),
  value: z.string(),
});
const binding = z.object({ id, sort: z.number(), primary: z.boolean() });
const crmRecord = row.extend({
  fm: z.array(multiField).optional(),
  links: z.array(binding).optional(),
});
const activity = row.extend({
  communications: z.array(
    z.object({ id, type: z.string(), value: z.string(), entityId: id, entityTypeId: id }),
  ),
  bindings: z.array(z.object({ ownerTypeId: id, ownerId: id })),
  files: z.array(id),
});
const userField = z.object({
  id,
  entityId: z.string(),
  fieldName: z.string().regex(/^UF_[A-Z0-9_]+$/),
  userTypeId: z.string(),
  xmlId: z.string().nullable(),
  sort: z.number(),
  multiple: z.boolean(),
  mandatory: z.boolean(),
  showFilter: z.string(),
  showInList: z.boolean(),
  editInList: z.boolean(),
  isSearchable: z.boolean(),
  settings: z.record(z.string(), z.unknown()),
  label: z.string(),
  list: z
    .array(
      z.object({ id, value: z.string(), sort: z.number(), def: z.boolean(), xmlId: z.string() }),
    )
    .optional(),
});
const file = row.extend({ bytes: z.string().optional() });

/** The seed file schema; `version` changes when the shape does. */
export const seedFileSchema = z.object({
  format: z.literal("pereezd-bitrix24-seed"),
  version: z.literal(1),
  counters: z.object({ multiField: id, enumItem: id, communication: id, call: id }),
  /** Highest id ever issued per table, so deleted ids are not reused. */
  lastIds: z.record(z.string(), id),
  currencies: z.array(z.object({ id: z.string(), base: z.boolean(), name: z.string() })),
  users: z.array(row),
  departments: z.array(row),
  statuses: z.array(row),
  categories: z.array(row),
  userFields: z.array(userField),
  crm: z.object({
    lead: z.array(crmRecord),
    contact: z.array(crmRecord),
    company: z.array(crmRecord),
    deal: z.array(crmRecord),
  }),
  activities: z.array(activity),
  timelineComments: z.array(row),
  tasks: z.array(row),
  taskComments: z.array(row),
  calls: z.array(row),
  files: z.array(file),
});

/** A parsed seed file. */
export type SeedFile = z.infer<typeof seedFileSchema>;

const KINDS: readonly CrmKind[] = ["lead", "contact", "company", "deal"];

function tables(data: PortalData): Record<string, Table<{ readonly id: number }>> {
  return {
    users: data.users,
    departments: data.departments,
    statuses: data.statuses,
    categories: data.categories,
    userFields: data.userFields,
    activities: data.activities,
    timelineComments: data.timelineComments,
    tasks: data.tasks,
    taskComments: data.taskComments,
    calls: data.calls,
    files: data.files,
    lead: data.crm.lead,
    contact: data.crm.contact,
    company: data.crm.company,
    deal: data.crm.deal,
  };
}

const copyRows = <R extends Row>(rows: readonly R[]): Row[] =>
  rows.map((r) => ({ id: r.id, f: { ...r.f } }));

/** A JSON-ready snapshot of the portal's data. */
export function toSeedFile(data: PortalData): SeedFile {
  const lastIds = Object.fromEntries(
    Object.entries(tables(data)).map(([k, t]) => [k, t.maxIssuedId]),
  );
  return {
    format: "pereezd-bitrix24-seed",
    version: 1,
    counters: { ...data.counters },
    lastIds,
    currencies: data.currencies.map((c) => ({ ...c })),
    users: copyRows(data.users.rows),
    departments: copyRows(data.departments.rows),
    statuses: copyRows(data.statuses.rows),
    categories: copyRows(data.categories.rows),
    userFields: data.userFields.rows.map((u) => structuredClone(u)),
    crm: {
      lead: data.crm.lead.rows.map((r) => structuredClone(r)),
      contact: data.crm.contact.rows.map((r) => structuredClone(r)),
      company: data.crm.company.rows.map((r) => structuredClone(r)),
      deal: data.crm.deal.rows.map((r) => structuredClone(r)),
    },
    activities: data.activities.rows.map((r) => structuredClone(r)),
    timelineComments: copyRows(data.timelineComments.rows),
    tasks: copyRows(data.tasks.rows),
    taskComments: copyRows(data.taskComments.rows),
    calls: copyRows(data.calls.rows),
    files: data.files.rows.map((r) => {
      const out: SeedFile["files"][number] = { id: r.id, f: { ...r.f } };
      if (r.bytes) out.bytes = Buffer.from(r.bytes).toString("base64");
      return out;
    }),
  };
}

function fill<R extends { readonly id: number }>(
  table: Table<R>,
  rows: readonly R[],
  name: string,
): void {
  const sorted = [...rows].sort((a, b) => a.id - b.id);
  sorted.forEach((r, i) => {
    if (i > 0 && (sorted[i - 1] as R).id === r.id) throw new Error(`${name}: duplicate id ${r.id}`);
    table.insert(r);
  });
}

/** Builds a portal from a parsed seed (ids and counters preserved). */
export function fromSeedFile(seed: SeedFile, options: PortalDataOptions = {}): PortalData {
  const data = new PortalData(options);
  data.currencies = seed.currencies;
  data.restoreCounters(seed.counters);
  fill(data.users, seed.users, "users");
  fill(data.departments, seed.departments, "departments");
  fill(data.statuses, seed.statuses, "statuses");
  fill(data.categories, seed.categories, "categories");
  fill(
    data.userFields,
    seed.userFields.map((u) => ({ ...u, list: u.list })),
    "userFields",
  );
  for (const kind of KINDS) {
    fill(data.crm[kind], seed.crm[kind], kind);
    for (const record of data.crm[kind].rows) {
      if (kind === "contact" && record.links) data.setLinks("contact", record, record.links);
    }
  }
  fill(data.activities, seed.activities, "activities");
  fill(data.timelineComments, seed.timelineComments, "timelineComments");
  fill(data.tasks, seed.tasks, "tasks");
  fill(data.taskComments, seed.taskComments, "taskComments");
  fill(data.calls, seed.calls, "calls");
  fill(
    data.files,
    seed.files.map((f) =>
      f.bytes === undefined
        ? { id: f.id, f: f.f }
        : { id: f.id, f: f.f, bytes: new Uint8Array(Buffer.from(f.bytes, "base64")) },
    ),
    "files",
  );
  for (const [name, table] of Object.entries(tables(data))) table.reserve(seed.lastIds[name] ?? 0);
  return data;
}

/** Reads and validates a seed file; a broken file fails with its path and the first problems. */
export async function loadSeedFile(
  path: string,
  options: PortalDataOptions = {},
): Promise<PortalData> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(path, "utf8"));
  } catch (error) {
    throw new Error(`Seed file ${path} is not readable JSON: ${(error as Error).message}`, {
      cause: error,
    });
  }
  const parsed = seedFileSchema.safeParse(raw);
  if (!parsed.success) {
    throw new Error(
      `Seed file ${path} is not a valid Bitrix24 seed:\n${z.prettifyError(parsed.error)}`,
    );
  }
  try {
    return fromSeedFile(parsed.data, options);
  } catch (error) {
    throw new Error(`Seed file ${path} is inconsistent: ${(error as Error).message}`, {
      cause: error,
    });
  }
}

/** Writes the portal's data as a seed file. */
export async function writeSeedFile(path: string, data: PortalData): Promise<void> {
  await writeFile(path, JSON.stringify(toSeedFile(data)), "utf8");
}
