import { describe, expect, it } from "vitest";
import { silentLogger } from "../core/logger.js";
import type { NotificationEvent, ProgressSnapshot } from "./jobs.js";
import { createNotificationEmitter } from "./notify.js";

const migration = { id: "m1", chat: { channel: "telegram" as const, chatId: "7" } };
const snap = (written: number): ProgressSnapshot => ({
  entities: [{ entity: "contacts", read: written, written, failed: 0, skipped: 0, total: 100 }],
  requests: written,
  ratePerSec: null,
  etaSeconds: null,
});

/** A manual clock whose timers fire on `advance`. */
function setup(intervalMs = 3_000) {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const added: NotificationEvent[] = [];
  const emitter = createNotificationEmitter({
    queue: {
      add: async (_name: string, data: NotificationEvent) => (added.push(data), undefined as never),
    },
    logger: silentLogger(),
    now: () => now,
    progressIntervalMs: intervalMs,
    schedule: (ms, fn) => {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
  });
  const advance = async (ms: number) => {
    now += ms;
    for (const t of timers.filter((x) => x.live && x.at <= now)) {
      t.live = false;
      t.fn();
    }
    await new Promise((resolve) => setImmediate(resolve));
  };
  const written = () =>
    added.map((e) => (e.type === "progress" ? e.snapshot.entities[0]!.written : -1));
  return { emitter, added, advance, written };
}

describe("notification emitter", () => {
  it("sends at most one snapshot per interval per migration, the latest one, and never loses the last", async () => {
    const { emitter, advance, written } = setup();
    emitter.progress(migration, "run", snap(1)); // t=0: sent at once
    await advance(1_000);
    emitter.progress(migration, "run", snap(2)); // t=1000: held
    await advance(1_000);
    emitter.progress(migration, "run", snap(3)); // t=2000: replaces 2
    expect(written()).toEqual([1]);
    await advance(1_000); // t=3000: the trailing timer sends 3
    expect(written()).toEqual([1, 3]);
    await advance(10_000);
    expect(written()).toEqual([1, 3]);
  });

  it("throttles each migration on its own", async () => {
    const { emitter, advance, added } = setup();
    emitter.progress(migration, "run", snap(1));
    emitter.progress({ ...migration, id: "m2" }, "run", snap(1));
    await advance(0);
    expect(added.map((e) => e.migrationId)).toEqual(["m1", "m2"]);
  });

  it("a final snapshot replaces a pending one and goes out at once, in order with later events", async () => {
    const { emitter, advance, added } = setup();
    emitter.progress(migration, "run", snap(1));
    emitter.progress(migration, "run", snap(2));
    await emitter.finalProgress(migration, "run", "completed", snap(100));
    await emitter.emit(migration, { type: "status", status: "paused" });
    await advance(10_000);
    expect(
      added.map((e) =>
        e.type === "progress" ? `${e.state}:${e.snapshot.entities[0]!.written}` : e.type,
      ),
    ).toEqual(["running:1", "completed:100", "status"]);
    expect(added.every((e) => e.migrationId === "m1" && e.chat.chatId === "7")).toBe(true);
  });

  it("a failed run's progress message is sent again as stopped, with the newest snapshot seen", async () => {
    const { emitter, advance, added } = setup();
    emitter.progress(migration, "run", snap(1));
    emitter.progress(migration, "run", snap(2)); // held by the throttle
    await emitter.stopProgress(migration);
    await emitter.stopProgress({ ...migration, id: "never-ran" });
    await advance(10_000);
    expect(
      added.map((e) =>
        e.type === "progress"
          ? `${e.migrationId}:${e.state}:${e.snapshot.entities[0]!.written}`
          : e.type,
      ),
    ).toEqual(["m1:running:1", "m1:stopped:2"]);
  });

  it("drops an invalid event instead of failing the job", async () => {
    const { emitter, added } = setup();
    // @ts-expect-error an unknown attention kind
    await emitter.emit(migration, { type: "attention", kind: "nope", reason: "x" });
    expect(added).toEqual([]);
  });
});
