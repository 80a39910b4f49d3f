import { mkdtemp, rm, writeFile } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generatePortalData } from "./generate.js";
import { loadSeedFile, toSeedFile, writeSeedFile } from "./seed.js";

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), "b24-seed-"));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe("seed files", () => {
  it("round-trips a generated portal, ids and counters included", async () => {
    const data = generatePortalData({ size: 400, seed: 5 });
    data.deleteCrm("deal", data.crm.deal.maxIssuedId);
    const path = join(dir, "portal.json");
    await writeSeedFile(path, data);
    const loaded = await loadSeedFile(path);
    expect(toSeedFile(loaded)).toEqual(toSeedFile(data));
    expect(loaded.crm.deal.nextId()).toBe(data.crm.deal.nextId());
    expect(loaded.nextMultiFieldId()).toBe(data.nextMultiFieldId());
    const company = loaded.crm.company.rows[0];
    const withCompany = loaded.crm.contact.rows.find((c) =>
      c.links?.some((l) => l.id === company?.id),
    );
    expect(loaded.contactsOfCompany(company?.id ?? 0)).toContain(withCompany?.id);
  });

  it("keeps uploaded bytes", async () => {
    const data = generatePortalData({ size: 50, seed: 1 });
    data.files.insert({
      id: data.files.nextId(),
      f: { NAME: "a.txt", SIZE: 2 },
      bytes: new Uint8Array([104, 105]),
    });
    const path = join(dir, "bytes.json");
    await writeSeedFile(path, data);
    const loaded = await loadSeedFile(path);
    expect(Buffer.from(loaded.files.rows.at(-1)?.bytes ?? []).toString()).toBe("hi");
  });

  it("names the file and the problem when it is broken", async () => {
    const notJson = join(dir, "broken.json");
    await writeFile(notJson, "{oops");
    await expect(loadSeedFile(notJson)).rejects.toThrow(
      `Seed file ${notJson} is not readable JSON`,
    );
    const wrong = join(dir, "wrong.json");
    const seed = toSeedFile(generatePortalData({ size: 20, seed: 1 }));
    await writeFile(wrong, JSON.stringify({ ...seed, users: [{ id: "one", f: {} }] }));
    await expect(loadSeedFile(wrong)).rejects.toThrow(/is not a valid Bitrix24 seed:[\s\S]*users/);
    const dup = join(dir, "dup.json");
    await writeFile(
      dup,
      JSON.stringify({ ...seed, departments: [...seed.departments, seed.departments[0]] }),
    );
    await expect(loadSeedFile(dup)).rejects.toThrow("departments: duplicate id 1");
    await expect(loadSeedFile(join(dir, "missing.json"))).rejects.toThrow("is not readable JSON");
  });
});
