/**
 * The operator CLI, spawned as an operator runs it, against two sandbox portals.
 * Bad input of every kind — a malformed or non-Bitrix24 link, a wrong webhook
 * code, missing scopes, plain http or a private address, a mapping file that is
 * not JSON or names fields the portals lack — gets one clear line, a non-zero
 * exit code, and changes nothing: no write reaches either portal. A good command
 * line runs and exits 0 with the report as JSON on stdout. No output ever
 * carries a webhook code.
 */
import { writeFile, mkdtemp } from "node:fs/promises";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { serializeMapping } from "../../core/mapping/index.js";
import type { PortalData } from "../../sandbox/bitrix24/data/portal-data.js";
import { startMigrationWorld, type MigrationWorld } from "../support/migration-world.js";
import { runCli, type CliResult } from "../support/run-cli.js";

let world: MigrationWorld;
let web: Server;
let webHost: string;
let dir: string;
let from: string;
let to: string;
let crmOnly: string;
const secrets: string[] = [];

/** Methods that change a portal. */
const WRITES = /\.(add|update|delete|set)$|\.items\.set$|userfield\.add|category\.add|status\.add/;
const writesTo = (index: 0 | 1) =>
  Object.entries(world.sandbox.stats(index).byMethod).filter(([m]) => WRITES.test(m));
const rows = (data: PortalData) =>
  data.crm.company.size +
  data.crm.contact.size +
  data.crm.lead.size +
  data.crm.deal.size +
  data.userFields.size;

beforeAll(async () => {
  world = await startMigrationWorld({ size: 200, timeScale: 50 });
  [from, to] = [world.sandbox.portal(0).webhookUrl, world.sandbox.portal(1).webhookUrl];
  crmOnly = world.sandbox.addWebhook({ userId: 1, scopes: ["crm"] }, 1).url;
  secrets.push(...[from, to, crmOnly].map((u) => u.split("/").at(-2)!));
  web = createServer((_req, res) => {
    res.writeHead(404, { "content-type": "text/html" });
    res.end("<html><body>Not Found</body></html>");
  });
  await new Promise<void>((resolve) => web.listen(0, "127.0.0.1", resolve));
  webHost = `127.0.0.1:${(web.address() as AddressInfo).port}`;
  dir = await mkdtemp(join(tmpdir(), "pereezd-cli-"));
});
afterAll(async () => {
  await new Promise((resolve) => web.close(resolve));
  await world.close();
});

const allowed = () => ({ ALLOWED_PRIVATE_HOSTS: [...world.allowedHosts, webHost].join(",") });

/** Runs a command that must be refused: one error line, the exit code, nothing written anywhere. */
async function refused(args: string[], exitCode: number, env = allowed()): Promise<string> {
  world.sandbox.resetStats();
  const before = [
    rows(world.sandbox.portal(0).portal.data),
    rows(world.sandbox.portal(1).portal.data),
  ];
  const result = await runCli(["migrate", ...args], env);
  const errors = result.stderr.split("\n").filter((l) => l.startsWith("Error: "));
  expect(errors, result.stderr).toHaveLength(1);
  expect(result.code, result.stderr).toBe(exitCode);
  expect(result.stdout).toBe("");
  expect([writesTo(0), writesTo(1)]).toEqual([[], []]);
  expect([
    rows(world.sandbox.portal(0).portal.data),
    rows(world.sandbox.portal(1).portal.data),
  ]).toEqual(before);
  noSecrets(result);
  return errors[0]!;
}

function noSecrets(result: CliResult) {
  for (const secret of secrets) expect(result.stdout + result.stderr).not.toContain(secret);
}

describe(
  "the CLI refuses bad input with one clear line and changes nothing",
  { timeout: 60_000 },
  () => {
    it("a malformed link", async () => {
      expect(await refused(["--from", "portal.bitrix24.ru/rest", "--to", to], 2)).toMatch(
        /--from: This is not a Bitrix24 inbound webhook link/,
      );
    });

    it("a link that does not lead to Bitrix24", async () => {
      const line = await refused(["--from", `http://${webHost}/rest/1/abcdef123/`, "--to", to], 2);
      expect(line).toMatch(new RegExp(`--from: ${webHost} did not answer like a Bitrix24 portal`));
    });

    it("a wrong webhook code", async () => {
      const wrong = to.replace(/\/[^/]+\/$/, "/wrongcode123/");
      const line = await refused(["--from", from, "--to", wrong], 3);
      expect(line).toMatch(
        new RegExp(`--to: Bitrix24 portal ${world.allowedHosts[1]} refused the credentials`),
      );
    });

    it("a webhook without the user scope", async () => {
      const line = await refused(["--from", from, "--to", crmOnly], 3);
      expect(line).toMatch(
        /--to: The target connection to .* lacks the permissions \(scopes\) user/,
      );
    });

    it("plain http to a host the operator did not allow", async () => {
      const line = await refused(["--from", from, "--to", to], 2, { ALLOWED_PRIVATE_HOSTS: "" });
      expect(line).toMatch(/--from must be an https:\/\/ link/);
    });

    it("a private address", async () => {
      const host = world.allowedHosts[0]!;
      const line = await refused(["--from", `https://${host}/rest/1/abcdef123/`, "--to", to], 2, {
        ALLOWED_PRIVATE_HOSTS: "",
      });
      expect(line).toMatch(/--from points to a private or local address/);
    });

    it("a mapping file that is not JSON", async () => {
      const file = join(dir, "broken.json");
      await writeFile(file, '{ "version": 1, ');
      const line = await refused(["--from", from, "--to", to, "--mapping", file], 2);
      expect(line).toMatch(/--mapping .*broken\.json is not a valid mapping file: not valid JSON/);
    });

    it("a mapping file that names fields the portals lack", async () => {
      const mapping = structuredClone(world.mapping);
      const rule = mapping.entities.deals!.fields.find((f) => f.action === "map")!;
      rule.source = "UF_CRM_NOPE";
      const file = join(dir, "unknown-fields.json");
      await writeFile(file, serializeMapping(mapping));
      const line = await refused(["--from", from, "--to", to, "--mapping", file], 2);
      expect(line).toMatch(/does not fit these portals: .*the source has no field UF_CRM_NOPE/);
    });
  },
);

describe("the CLI on good input", () => {
  it("runs a pilot and prints the report as JSON", { timeout: 60_000 }, async () => {
    const result = await runCli(
      ["migrate", "--from", from, "--to", to, "--pilot", "2", "--json"],
      allowed(),
    );
    expect(result.code, result.stderr).toBe(0);
    const printed = JSON.parse(result.stdout) as {
      outcome: string;
      report: { mode: string; links: unknown[] };
    };
    expect(printed.outcome).toBe("completed");
    expect(printed.report.mode).toBe("pilot");
    expect(printed.report.links.length).toBeGreaterThanOrEqual(8);
    expect(result.stderr).toMatch(/\[pilot\]/);
    noSecrets(result);
  });
});
