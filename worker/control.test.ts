import type { Redis } from "ioredis";
import { beforeEach, describe, expect, it } from "vitest";
import { createMemoryStores, type MigrationStatus, type Stores } from "../core/store/index.js";
import { createControl, controlChannel } from "./control.js";
import type { EnqueueResult } from "./jobs.js";

describe("requestControl", () => {
  let stores: Stores;
  let published: Array<[string, string]>;
  let enqueued: string[];
  let existing: EnqueueResult | null;
  let control: ReturnType<typeof createControl>;

  beforeEach(() => {
    stores = createMemoryStores();
    published = [];
    enqueued = [];
    existing = null;
    const redis = {
      publish: async (channel: string, text: string) => (published.push([channel, text]), 1),
    } as unknown as Redis;
    control = createControl({
      stores,
      redis,
      prefix: "p",
      queue: {
        enqueue: async (step, data) => {
          enqueued.push(`${step}:${data.migrationId}`);
          return existing ?? { jobId: `${step}-${data.migrationId}`, enqueued: true };
        },
      },
      sleep: async () => undefined,
    });
  });

  const migrationIn = async (status: MigrationStatus) => {
    const m = await stores.migrations.create({
      customerId: "c",
      chat: { channel: "telegram", chatId: "1" },
      sourceConnectionId: "s",
      targetConnectionId: "t",
      route: "bitrix24->bitrix24",
    });
    await stores.migrations.transition(m.id, ["draft"], status);
    return m.id;
  };

  it("pause: records the wish, marks a running migration pausing and tells every worker", async () => {
    const id = await migrationIn("running");
    const after = await control.requestControl(id, "pause");
    expect(after).toMatchObject({ control: "pause", status: "pausing" });
    expect(published).toEqual([
      [controlChannel("p"), JSON.stringify({ migrationId: id, control: "pause" })],
    ]);
    expect(enqueued).toEqual([]);
  });

  it("pause of a queued migration pauses it before it starts", async () => {
    const id = await migrationIn("queued");
    expect(await control.requestControl(id, "pause")).toMatchObject({ status: "paused" });
  });

  it("resume: queues a paused migration again and enqueues its run", async () => {
    const id = await migrationIn("paused");
    expect(await control.requestControl(id, "run")).toMatchObject({
      control: "run",
      status: "queued",
    });
    expect(enqueued).toEqual([`run:${id}`]);
  });

  it("resume of a delta enqueues the delta", async () => {
    const id = await migrationIn("paused");
    await control.requestControl(id, "run", { step: "delta" });
    expect(enqueued).toEqual([`delta:${id}`]);
  });

  it("resume while the old job is still finishing retries until it is gone or running again", async () => {
    const id = await migrationIn("paused");
    existing = { jobId: `run-${id}`, enqueued: false, existingState: "active" };
    let calls = 0;
    const original = stores.migrations.getById.bind(stores.migrations);
    stores.migrations.getById = async (mid) => {
      calls++;
      if (calls === 3) {
        // The old job saw control=run itself and carried on.
        await stores.migrations.transition(mid, ["queued"], "running");
      }
      return original(mid);
    };
    await control.requestControl(id, "run");
    expect(enqueued.length).toBeGreaterThanOrEqual(2);
    expect((await original(id))?.status).toBe("running");
  });

  it("cancel: a running migration goes cancelling; a paused one gets a job that finishes it", async () => {
    const running = await migrationIn("running");
    expect(await control.requestControl(running, "cancel")).toMatchObject({
      status: "cancelling",
      control: "cancel",
    });
    const paused = await migrationIn("paused");
    await control.requestControl(paused, "cancel");
    expect(enqueued).toEqual([`run:${paused}`]);
  });

  it("cancel before anything ran ends the migration at once", async () => {
    const id = await migrationIn("pilot_done");
    expect(await control.requestControl(id, "cancel")).toMatchObject({ status: "cancelled" });
  });

  it("an unknown migration is not_found", async () => {
    await expect(control.requestControl("nope", "pause")).rejects.toMatchObject({
      kind: "not_found",
    });
  });
});
