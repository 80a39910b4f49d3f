/**
 * Delivery with a fake ChatSender and a manual clock: one progress message per
 * migration edited in place, no more than one edit per 3 s per chat, unchanged
 * and stale texts skipped, rate limits waited out, other events as messages.
 */
import { beforeEach, describe, expect, it } from "vitest";
import { PereezdError } from "../../core/errors.js";
import { silentLogger } from "../../core/logger.js";
import { createMemoryStores, type Migration, type Stores } from "../../core/store/index.js";
import type { NotificationEvent, NotificationOf, ProgressSnapshot } from "../../worker/jobs.js";
import { createDelivery, type Delivery } from "./delivery.js";
import { MESSAGE_NOT_FOUND, type ChatSender, type NotifierClock } from "./types.js";

type Call = {
  at: number;
  op: "send" | "edit" | "doc";
  text: string;
  messageId?: number;
  keyboard?: unknown;
  bytes?: string;
};

/** Timers fire only when the test advances time. */
function manualClock() {
  let now = 0;
  const timers: Array<{ at: number; fn: () => void; live: boolean }> = [];
  const settle = () => new Promise((resolve) => setImmediate(resolve));
  const clock: NotifierClock & { advance(ms: number): Promise<void> } = {
    now: () => now,
    setTimer(ms, fn) {
      const t = { at: now + ms, fn, live: true };
      timers.push(t);
      return () => {
        t.live = false;
      };
    },
    sleep: (ms) => new Promise((resolve) => clock.setTimer(ms, () => resolve())),
    async advance(ms) {
      const end = now + ms;
      for (;;) {
        await settle();
        const due = timers.filter((t) => t.live && t.at <= end).sort((a, b) => a.at - b.at)[0];
        if (due === undefined) break;
        now = Math.max(now, due.at);
        due.live = false;
        due.fn();
      }
      now = end;
      await settle();
    },
  };
  return clock;
}

function fakeSender(clock: NotifierClock) {
  const calls: Call[] = [];
  const failures: Error[] = [];
  let next = 100;
  const fail = () => {
    const f = failures.shift();
    if (f) throw f;
  };
  const sender: ChatSender = {
    async send(_chat, text, keyboard) {
      fail();
      calls.push({ at: clock.now(), op: "send", text, keyboard, messageId: ++next });
      return { messageId: next };
    },
    async edit(_chat, messageId, text, keyboard) {
      fail();
      calls.push({ at: clock.now(), op: "edit", text, messageId, keyboard });
    },
    async sendDocument(_chat, filename, bytes, caption) {
      fail();
      calls.push({
        at: clock.now(),
        op: "doc",
        text: `${filename}|${caption ?? ""}`,
        bytes: new TextDecoder().decode(bytes),
      });
    },
  };
  return { sender, calls, failures };
}

const snap = (written: number): ProgressSnapshot => ({
  entities: [{ entity: "contacts", read: written, written, failed: 0, skipped: 0, total: 100 }],
  requests: written,
  ratePerSec: 12.5,
  etaSeconds: 90,
});

describe("notification delivery", () => {
  let stores: Stores;
  let migration: Migration;
  let clock: ReturnType<typeof manualClock>;
  let fake: ReturnType<typeof fakeSender>;
  let delivery: Delivery;

  beforeEach(async () => {
    stores = createMemoryStores();
    clock = manualClock();
    fake = fakeSender(clock);
    const customer = await stores.customers.upsertByChat("telegram", "42", { language: "en" });
    migration = await stores.migrations.create({
      customerId: customer.id,
      chat: { channel: "telegram", chatId: "42" },
      sourceConnectionId: "s",
      targetConnectionId: "t",
      route: "bitrix24->bitrix24",
    });
    delivery = createDelivery({
      sender: fake.sender,
      stores,
      logger: silentLogger(),
      clock,
      editIntervalMs: 3_000,
    });
  });

  const base = () => ({ migrationId: migration.id, chat: migration.chat, at: clock.now() });
  const progress = (
    written: number,
    state: NotificationOf<"progress">["state"] = "running",
    at?: number,
  ): NotificationEvent => ({
    ...base(),
    ...(at === undefined ? {} : { at }),
    type: "progress",
    stage: "run",
    state,
    snapshot: snap(written),
  });

  it("sends the progress message once, then edits it in place at most every 3 s per chat", async () => {
    await delivery.handle(progress(1));
    expect(fake.calls).toMatchObject([{ op: "send", at: 0 }]);
    expect((await stores.migrations.getById(migration.id))?.progressMessageId).toBe(101);

    // A snapshot every 500 ms for 10 s: only the latest text per slot goes out.
    for (let i = 2; i <= 21; i++) {
      await clock.advance(500);
      await delivery.handle(progress(i));
    }
    await clock.advance(5_000);
    const edits = fake.calls.filter((c) => c.op === "edit");
    expect(edits.length).toBeGreaterThan(2);
    expect(edits.every((e) => e.messageId === 101)).toBe(true);
    const times = fake.calls.map((c) => c.at);
    for (let i = 1; i < times.length; i++)
      expect(times[i]! - times[i - 1]!).toBeGreaterThanOrEqual(3_000);
    expect(edits.at(-1)?.text).toContain("21 of 100");
  });

  it("renders bars, calls, rate, ETA and pause/cancel buttons in the customer's language", async () => {
    await delivery.handle(progress(40));
    const first = fake.calls[0]!;
    expect(first.text).toBe(
      [
        "Migration: running",
        "Contacts: ▓▓▓▓░░░░░░ 40% — 40 of 100",
        "API calls: 40",
        "Speed: 12.5 records/s",
        "About 2 min left",
      ].join("\n"),
    );
    expect(first.keyboard).toEqual([
      [
        { text: "⏸ Pause", data: `mig:pause:${migration.id}` },
        { text: "✖️ Cancel", data: `mig:cancel:${migration.id}` },
      ],
    ]);
  });

  it("skips unchanged text and snapshots older than the one shown", async () => {
    await delivery.handle(progress(5));
    await clock.advance(4_000);
    await delivery.handle(progress(6)); // shown at t=4000
    await clock.advance(4_000);
    await delivery.handle(progress(6)); // unchanged
    await delivery.handle(progress(3, "running", 2_000)); // older than the one shown
    await clock.advance(10_000);
    expect(fake.calls.map((c) => c.op)).toEqual(["send", "edit"]);
    expect(fake.calls[1]!.text).toContain("6 of 100");
  });

  it("waits out a 429 for retry_after and edits then", async () => {
    await delivery.handle(progress(1));
    await clock.advance(3_000);
    fake.failures.push(
      new PereezdError("rate_limited", "Telegram asked to wait 7 s", { retryAfterMs: 7_000 }),
    );
    const handled = delivery.handle(progress(2));
    await clock.advance(6_000);
    expect(fake.calls).toHaveLength(1);
    await clock.advance(1_000);
    await handled;
    expect(fake.calls.map((c) => [c.op, c.at])).toEqual([
      ["send", 0],
      ["edit", 10_000],
    ]);
  });

  it("sends a new progress message when the old one is gone", async () => {
    await delivery.handle(progress(1));
    await clock.advance(3_000);
    fake.failures.push(
      new PereezdError("not_found", "message to edit not found", { code: MESSAGE_NOT_FOUND }),
    );
    await delivery.handle(progress(2));
    expect(fake.calls.map((c) => c.op)).toEqual(["send", "send"]);
    expect((await stores.migrations.getById(migration.id))?.progressMessageId).toBe(102);
  });

  it("delivers other events in order as new messages and the failures CSV as a document", async () => {
    const report = {
      entities: [{ entity: "contacts", read: 10, written: 9, failed: 1, skipped: 0, total: 10 }],
      requests: 3,
      durationMs: 3_723_000,
      failuresCsv: "entity,source_id\ncontacts,7\n",
      links: [],
    };
    await delivery.handle({ ...base(), type: "status", status: "running" });
    await delivery.handle({
      ...base(),
      type: "attention",
      kind: "target_refused_field",
      reason: "UF_X",
      field: "UF_X",
      entity: "deals",
    });
    await delivery.handle({
      ...base(),
      type: "completed",
      stage: "run",
      outcome: "completed",
      report,
    });
    await delivery.handle({
      ...base(),
      type: "usage",
      period: "2026",
      quota: 1_000_000,
      used: 1_234,
      remaining: 998_766,
      migrationRequests: 3,
    });
    expect(fake.calls.map((c) => c.op)).toEqual(["send", "send", "send", "doc", "send"]);
    expect(fake.calls[1]!.text).toContain('refuses the field "UF_X" (Deals)');
    expect(fake.calls[2]!.text).toContain("Moved: 9, failed: 1. API calls: 3. Time: 1 h 2 min.");
    expect(fake.calls[3]).toMatchObject({
      text: `failed-records-${migration.id.slice(0, 8)}.csv|Records that could not be moved (1), with the reasons.`,
      bytes: report.failuresCsv,
    });
    expect(fake.calls[4]!.text).toContain("1,234 of 1,000,000 used");
  });

  it("speaks Russian by default", async () => {
    await stores.customers.update(migration.customerId, { language: "ru" });
    await delivery.handle({ ...base(), type: "attention", kind: "quota_reached", reason: "" });
    expect(fake.calls[0]!.text).toMatch(/^Годовой лимит запросов к API исчерпан/);
  });

  it("offers to update the refused portal's access under a credentials stop", async () => {
    const target = await stores.connections.create({
      customerId: migration.customerId,
      system: "bitrix24",
      label: "new.bitrix24.ru",
      secret: { v: 1, iv: "aXY", tag: "dGFn", data: "ZGF0YQ" },
    });
    const m = await stores.migrations.create({ ...migration, targetConnectionId: target.id });
    await stores.migrations.transition(m.id, ["draft"], "paused", {
      lastError: { kind: "auth", message: "revoked", at: new Date(0), side: "target" },
    });
    const event = {
      ...base(),
      migrationId: m.id,
      type: "attention",
      kind: "credentials_revoked",
      side: "target",
      reason: "The target CRM (new.bitrix24.ru) refused the credentials",
    } as const;
    await delivery.handle(event);
    expect(fake.calls[0]).toMatchObject({
      text: expect.stringContaining('Press "Update access" below'),
      keyboard: [
        [{ text: "🔑 Update access to new.bitrix24.ru", data: `m:access_target:${m.id}` }],
      ],
    });
    // Once the access is back (or the migration moved on), the same event has no button.
    await stores.migrations.update(m.id, { lastError: null });
    await delivery.handle(event);
    expect(fake.calls[1]!.keyboard).toBeUndefined();
  });

  it("drops an event for a chat that blocked the bot, and for an unknown migration", async () => {
    fake.failures.push(
      new PereezdError("auth", "Forbidden: bot was blocked by the user", {
        code: "chat_unreachable",
      }),
    );
    await expect(
      delivery.handle({ ...base(), type: "status", status: "paused" }),
    ).resolves.toBeUndefined();
    await expect(
      delivery.handle({ ...base(), migrationId: "nope", type: "status", status: "paused" }),
    ).resolves.toBeUndefined();
    expect(fake.calls).toEqual([]);
  });

  it("lets a transient sender failure reach the queue for a retry", async () => {
    fake.failures.push(new PereezdError("transient", "network"));
    await expect(
      delivery.handle({ ...base(), type: "status", status: "paused" }),
    ).rejects.toMatchObject({ kind: "transient" });
  });
});
