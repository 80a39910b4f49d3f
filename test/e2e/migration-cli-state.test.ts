/**
 * The CLI's commands on a stored migration, one command line after another over
 * the same state (as MongoDB keeps it between commands): a pilot, its rollback,
 * a run stopped by a revoked webhook, its resumption with a new webhook, a delta
 * that carries a later change, and the rollback of everything.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import type { RunReport } from "../../core/engine/index.js";
import type { Mapping } from "../../core/mapping/index.js";
import { runCli } from "../../cli/cli.js";
import type { Out } from "../../cli/output.js";
import {
  startMigrationWorld,
  WORLD_KEY_HEX,
  type MigrationWorld,
} from "../support/migration-world.js";
import { checkTarget, isExact } from "../support/target-check.js";

let world: MigrationWorld;
beforeAll(async () => {
  world = await startMigrationWorld({ size: 300, timeScale: 50 });
});
afterAll(async () => {
  await world.close();
});

interface Printed {
  lines: string[];
  json: Array<{ migrationId: string; outcome: string; report: RunReport }>;
}

/** One command line over the world's stores; portals declared on-premise (10 req/s) to keep it quick. */
async function cli(...args: string[]): Promise<{ code: number } & Printed> {
  const printed: Printed = { lines: [], json: [] };
  const out: Out = {
    info: (line) => void printed.lines.push(line),
    json: (value) => void printed.json.push(value as Printed["json"][number]),
    text: (text) => void printed.lines.push(text),
  };
  const deployments = ["--from-deployment", "on_premise", "--to-deployment", "on_premise"];
  const code = await runCli([...args, ...deployments], {
    out,
    stores: world.stores,
    env: { ALLOWED_PRIVATE_HOSTS: world.allowedHosts.join(","), ENCRYPTION_KEY: WORLD_KEY_HEX },
  });
  return { code, ...printed };
}

const target = () => world.sandbox.portal(1).portal.data;
const targetRows = () =>
  target().crm.company.size +
  target().crm.contact.size +
  target().crm.lead.size +
  target().crm.deal.size;

describe("CLI commands over kept state", { timeout: 60_000 }, () => {
  let id = "";

  it("runs a pilot, then rolls exactly it back", async () => {
    const [from, to] = [world.sandbox.portal(0).webhookUrl, world.sandbox.portal(1).webhookUrl];
    const pilot = await cli("migrate", "--from", from, "--to", to, "--pilot", "3", "--json");
    expect(pilot.code, pilot.lines.join("\n")).toBe(0);
    id = pilot.json[0]!.migrationId;
    expect(pilot.json[0]!.report.mode).toBe("pilot");
    expect(pilot.json[0]!.report.links!.length).toBeGreaterThanOrEqual(12);
    expect(targetRows()).toBeGreaterThanOrEqual(12);

    const undo = await cli("rollback", "--migration", id, "--run", "pilot-1", "--json");
    expect(undo.code, undo.lines.join("\n")).toBe(0);
    expect(targetRows()).toBe(0);
  });

  it("stops on a revoked webhook naming the portal, and resumes with a new one", async () => {
    world.sandbox.revokeWebhook(undefined, 1);
    const refused = await cli("resume", "--migration", id);
    expect(refused.code).toBe(3);
    const errors = refused.lines.filter((l) => l.startsWith("Error: "));
    expect(errors).toHaveLength(1);
    expect(errors[0]).toMatch(
      new RegExp(`--to: .*${world.allowedHosts[1]}.* refused the credentials`),
    );
    expect((await world.stores.migrations.getById(id))?.lastError?.kind).toBe("auth");

    const scopes = [...world.sandbox.portal(1).webhook.scopes];
    const { url } = world.sandbox.addWebhook({ userId: 1, scopes }, 1);
    const resumed = await cli("resume", "--migration", id, "--to", url, "--json");
    expect(resumed.code, resumed.lines.join("\n")).toBe(0);
    expect(resumed.lines.join("\n")).toMatch(/New credentials for .* checked and stored/);
    expect(resumed.json[0]!.outcome).toBe("completed");
    const migration = await world.stores.migrations.getById(id);
    expect(migration?.status).toBe("completed");
    const check = checkTarget(
      world.sandbox.portal(0).portal.data,
      target(),
      id,
      migration!.mapping as Mapping,
    );
    expect(isExact(check), JSON.stringify(check)).toBe(true);
  });

  it("moves a later change with a delta, then rolls everything back", async () => {
    const company = world.sandbox.portal(0).portal.data.crm.company.get(1)!;
    company.f.TITLE = "Renamed after the run";
    company.f.DATE_MODIFY = Date.now() + 1_000;
    const delta = await cli("delta", "--migration", id, "--json");
    expect(delta.code, delta.lines.join("\n")).toBe(0);
    expect(delta.json[0]!.report.perEntity.companies?.written).toBeGreaterThanOrEqual(1);
    const copy = target().crm.company.rows.find((r) => r.f.ORIGIN_ID === "1");
    expect(copy?.f.TITLE).toBe("Renamed after the run");

    const undo = await cli("rollback", "--migration", id, "--json");
    expect(undo.code, undo.lines.join("\n")).toBe(0);
    expect(targetRows()).toBe(0);
    expect((await world.stores.migrations.getById(id))?.status).toBe("cancelled");
  });
});
