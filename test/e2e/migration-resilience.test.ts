/**
 * A migration between two sandbox portals (cloud limits on, time-scaled) that
 * meets what real portals do to a long run: 5 % of requests failing (500, an
 * HTML 503, a dropped connection after the method ran, a slow answer), access
 * tokens expiring mid-run, and a webhook revoked mid-run then replaced. Each run
 * ends with exactly one target record per source record and every link right.
 */
import { afterEach, describe, expect, it } from "vitest";
import {
  createBitrix24Connector,
  type Bitrix24ConfigInput,
} from "../../core/connectors/bitrix24/index.js";
import { isPereezdError } from "../../core/errors.js";
import { createMemoryLimiter, policies } from "../../core/ratelimit/index.js";
import { replaceCredentials } from "../../core/service/index.js";
import {
  startMigrationWorld,
  WORLD_KEY_HEX,
  type MigrationWorld,
  type MigrationWorldOptions,
} from "../support/migration-world.js";
import { runEngine, writtenOf } from "../support/run-engine.js";
import { checkTarget, type TargetCheck } from "../support/target-check.js";

const SIZE = 1_500;
let world: MigrationWorld | undefined;
afterEach(async () => {
  await world?.close();
  world = undefined;
});

async function start(options: Partial<MigrationWorldOptions> = {}): Promise<MigrationWorld> {
  world = await startMigrationWorld({ size: SIZE, timeScale: 50, ...options });
  return world;
}

const run = (w: MigrationWorld, onWritten?: (written: number) => void) =>
  runEngine({
    stores: w.stores,
    keyHex: WORLD_KEY_HEX,
    allowedHosts: w.allowedHosts,
    timeScale: w.timeScale,
    migrationId: w.migration.id,
    ...(onWritten ? { onProgress: (s) => onWritten(writtenOf(s)) } : {}),
  });

function expectExact(w: MigrationWorld, size = SIZE): TargetCheck {
  const check = checkTarget(
    w.sandbox.portal(0).portal.data,
    w.sandbox.portal(1).portal.data,
    w.migration.id,
    w.mapping,
  );
  for (const [entity, c] of Object.entries(check)) {
    expect(c.duplicates, `${entity} copied twice`).toEqual([]);
    expect(c.missing, `${entity} not copied`).toEqual([]);
    expect(c.linkErrors, `${entity} links`).toEqual([]);
    expect([c.copies, c.targetRows], entity).toEqual([c.source, c.source]);
  }
  expect(Object.values(check).reduce((n, c) => n + c.source, 0)).toBe(size);
  return check;
}

describe("a migration under adverse conditions", () => {
  it(
    "completes with 5 % of requests failing, nothing lost or duplicated",
    { timeout: 90_000 },
    async () => {
      // 3,000 records make ~100 requests; fault seed 4 makes them meet every kind of fault
      // (500, HTML 503, a connection dropped after the method ran, a slow answer).
      const w = await start({ size: 3_000, faults: { rate: 0.05, slowMs: 150 }, faultSeed: 4 });
      const result = await run(w);
      expect(result.outcome).toBe("completed");
      expect(result.report.failures).toBe(0);
      expectExact(w, 3_000);
      const seen = { "500": 0, "503": 0, drop: 0, slow: 0 };
      for (const portal of [0, 1]) {
        for (const [kind, n] of Object.entries(w.sandbox.stats(portal).faults))
          seen[kind as keyof typeof seen] += n;
      }
      expect(
        Object.values(seen).every((n) => n > 0),
        JSON.stringify(seen),
      ).toBe(true);
    },
  );

  it(
    "refreshes expired OAuth tokens mid-run and keeps the new ones",
    { timeout: 90_000 },
    async () => {
      const w = await start({ auth: "oauth" });
      let expired = 0;
      const result = await run(w, (written) => {
        if (expired === 0 && written >= 500) expired = w.sandbox.expireTokens();
      });
      expect(expired).toBeGreaterThan(0);
      expect(result.outcome).toBe("completed");
      expectExact(w);
      expect(w.sandbox.stats(1).tokenRequests).toBeGreaterThan(0);
      // The rotated refresh token was stored, sealed, on the connection.
      const target = await w.stores.connections.getById(w.migration.targetConnectionId);
      const sealed = w.box.openJson(target!.secret) as { auth: { refreshToken: string } };
      expect(sealed.auth.refreshToken).not.toBe(w.sandbox.portal(1).tokens.refreshToken);
    },
  );

  it(
    "stops on a revoked webhook naming the portal, and resumes with new credentials",
    { timeout: 90_000 },
    async () => {
      const w = await start();
      const targetHost = w.allowedHosts[1]!;
      let revoked = false;
      const error = await run(w, (written) => {
        if (!revoked && written >= 500) revoked = w.sandbox.revokeWebhook(undefined, 1);
      }).then(
        () => null,
        (e: unknown) => e,
      );
      expect(revoked).toBe(true);
      expect(isPereezdError(error, "auth"), String(error)).toBe(true);
      if (!isPereezdError(error)) return;
      expect(error.message).toContain(targetHost);
      expect(error.details).toMatchObject({ side: "target" });
      expect(error.message).not.toContain(w.sandbox.portal(1).webhook.code);
      const before = w.sandbox.portal(1).portal.data.crm;
      const writtenBefore =
        before.company.size + before.contact.size + before.lead.size + before.deal.size;
      expect(writtenBefore).toBeGreaterThan(0);
      expect(writtenBefore).toBeLessThan(SIZE);

      const scopes = [...w.sandbox.portal(1).webhook.scopes];
      const { url } = w.sandbox.addWebhook({ userId: 1, scopes }, 1);
      const settings: Bitrix24ConfigInput = {
        auth: { mode: "webhook", url },
        deployment: { kind: "cloud", plan: "standard" },
      };
      const limiter = createMemoryLimiter({
        policy: policies.bitrix24Box({ ratePerSec: 1e6, burst: 1e6 }),
      });
      await replaceCredentials({
        stores: w.stores,
        box: w.box,
        connectionId: w.migration.targetConnectionId,
        settings,
        connector: createBitrix24Connector(settings, { limiter, allowedHosts: w.allowedHosts }),
      });

      const resumed = await run(w);
      expect(resumed.outcome).toBe("completed");
      expect(resumed.report.failures).toBe(0);
      expectExact(w);
    },
  );
});
