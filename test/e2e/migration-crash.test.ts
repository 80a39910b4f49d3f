/**
 * Any process may die at any moment (DESIGN.md §6): the migrating process is
 * SIGKILLed ten times at random points of one migration — during start-up and
 * setup, between chunks, and with a write request in flight — and resumed each
 * time from the state its parent keeps. At the end the target holds exactly one
 * record per source record, with every link pointing at the right copy.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { seededRandom } from "../../sandbox/bitrix24/faults.js";
import {
  startMigrationWorld,
  WORLD_KEY_HEX,
  type MigrationWorld,
} from "../support/migration-world.js";
import { spawnMigration, type MigrationChild } from "../support/spawn-migration.js";
import { checkTarget, isExact } from "../support/target-check.js";

const SIZE = 2_500;
const KILLS = 10;

describe("a migrating process killed ten times", () => {
  let world: MigrationWorld;
  const children: MigrationChild[] = [];

  beforeAll(async () => {
    world = await startMigrationWorld({ size: SIZE, timeScale: 50, serve: true });
  });
  afterAll(async () => {
    for (const c of children) c.kill("SIGKILL");
    await Promise.all(children.map((c) => c.exited));
    await world.close();
  });

  const start = () => {
    const child = spawnMigration({
      storeUrl: world.storeUrl!,
      keyHex: WORLD_KEY_HEX,
      allowedHosts: world.allowedHosts,
      timeScale: world.timeScale,
      migrationId: world.migration.id,
    });
    children.push(child);
    return child;
  };
  const written = async () =>
    (await world.stores.idMap.count(world.migration.id, "companies")) +
    (await world.stores.idMap.count(world.migration.id, "contacts")) +
    (await world.stores.idMap.count(world.migration.id, "leads")) +
    (await world.stores.idMap.count(world.migration.id, "deals"));

  it("resumes after every kill and ends exact", { timeout: 240_000 }, async () => {
    const random = seededRandom(20_261_203);
    const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
    const kills: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const child = start();
      const ready = await child.until((m) => m.kind === "ready");
      expect(ready, `child ${i} started`).not.toBeNull();
      const before = await written();
      // Kill points spread over the run, so the tenth kill still finds work left.
      const point = Math.floor((SIZE * (i + random())) / (KILLS + 1));
      const ended = () => child.messages.some((m) => m.kind === "done" || m.kind === "failed");
      const reached = (async () => {
        while (!ended() && child.child.exitCode === null && (await written()) < point)
          await sleep(3);
      })();
      if (i % 3 === 0) {
        // At a random moment after start: setup, the first read, or the first chunks.
        await Promise.race([sleep(Math.floor(random() * 300)), reached]);
      } else {
        // With a write in flight: at the point, then a few ms into the next request.
        await reached;
        await sleep(Math.floor(random() * 15));
      }
      expect(ended(), `child ${i} was still migrating when killed`).toBe(false);
      child.kill("SIGKILL");
      expect((await child.exited).signal).toBe("SIGKILL");
      kills.push(`${before}→${await written()}`);
    }

    const last = start();
    const result = await last.result();
    expect(result, `final run: ${JSON.stringify(result)}`).toMatchObject({
      kind: "done",
      outcome: "completed",
    });
    const migration = await world.stores.migrations.getById(world.migration.id);
    const check = checkTarget(
      world.sandbox.portal(0).portal.data,
      world.sandbox.portal(1).portal.data,
      world.migration.id,
      world.mapping,
    );
    expect(Object.values(check).reduce((n, c) => n + c.source, 0)).toBe(SIZE);
    for (const [entity, c] of Object.entries(check)) {
      expect(c.duplicates, `${entity} copied twice`).toEqual([]);
      expect(c.missing, `${entity} not copied`).toEqual([]);
      expect(c.linkErrors, `${entity} links`).toEqual([]);
      expect(c.copies).toBe(c.source);
      expect(c.targetRows).toBe(c.source);
    }
    expect(isExact(check)).toBe(true);
    expect(migration?.mapping).toBeDefined();
    // The kills landed while records were being written, not all before the copy began.
    expect(
      kills.filter((k) => k.split("→")[0] !== k.split("→")[1]).length,
      kills.join(" "),
    ).toBeGreaterThan(0);
    expect(await written()).toBe(SIZE);
  });
});
