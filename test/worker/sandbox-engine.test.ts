/**
 * Worker processes running the real engine and the Bitrix24 connector against two
 * emulated portals (sandbox/bitrix24): two processes moving two migrations into one
 * rate-limited portal never make it answer 503, and a process killed mid-run is
 * replaced by another that finishes with one target record per source record.
 */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { createHarness, type Harness } from "./support/harness.js";
import { waitFor } from "./support/redis.js";
import {
  SANDBOX_ENTITIES,
  SANDBOX_KEY_HEX,
  createSandboxWorld,
  type SandboxWorld,
} from "./support/sandbox-world.js";

describe("real engine in worker processes against the Bitrix24 sandbox", () => {
  let h: Harness;
  let world: SandboxWorld | undefined;
  beforeEach(() => {
    h = createHarness("sandbox");
  });
  afterEach(async () => {
    await h.close();
    await world?.close();
  });

  const engine = () => ({ keyHex: SANDBOX_KEY_HEX, allowedHosts: world!.allowedHosts });
  const completed = (id: string) => async () =>
    (await h.stores.migrations.getById(id))?.status === "completed";
  const expectExact = (migrationId: string) => {
    for (const entity of SANDBOX_ENTITIES) {
      const created = world!.createdBy(migrationId, entity);
      expect(created.size, entity).toBe(world!.sourceCount(entity));
      expect(
        [...created.values()].every((n) => n === 1),
        entity,
      ).toBe(true);
    }
  };

  it("two processes share the target portal's limit without a single 503", async () => {
    world = await createSandboxWorld(h.stores, { size: 300, target: { ratePerSec: 20, burst: 5 } });
    const [a, b] = await Promise.all([
      h.spawn("engine-a", { concurrency: 1, engine: engine() }),
      h.spawn("engine-b", { concurrency: 1, engine: engine() }),
    ]);
    const migrations = [await world.newMigration(), await world.newMigration()];
    for (const m of migrations) await h.queue.enqueue("run", { migrationId: m.id });
    for (const m of migrations)
      await waitFor(`migration ${m.id} to complete`, completed(m.id), 25_000);

    for (const m of migrations) expectExact(m.id);
    const stats = world.sandbox.stats(1);
    expect(stats.queryLimitRejections).toBe(0);
    expect(stats.httpRequests).toBeGreaterThan(20);
    // Both processes took part: each ran one of the migrations.
    const jobs = await Promise.all(migrations.map((m) => h.queue.queue.getJob(`run-${m.id}`)));
    expect(new Set(jobs.map((j) => j?.processedBy?.split("-").at(-1)))).toEqual(
      new Set([String(a.pid), String(b.pid)]),
    );
  });

  it("a process killed mid-run is replaced and the target ends exact", async () => {
    world = await createSandboxWorld(h.stores, { size: 600, target: { ratePerSec: 10, burst: 3 } });
    const a = await h.spawn("engine-a", { concurrency: 1, engine: engine() });
    const m = await world.newMigration();
    await h.queue.enqueue("run", { migrationId: m.id });
    await waitFor(
      "some records in the target",
      () =>
        world!.createdBy(m.id, "companies").size > 0 || world!.createdBy(m.id, "contacts").size > 0,
      15_000,
      20,
    );

    a.kill("SIGKILL");
    await a.exited;
    await h.spawn("engine-b", { concurrency: 1, engine: engine() });
    await waitFor("the migration to complete", completed(m.id), 25_000);
    expectExact(m.id);
  });
});
