import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Migration } from "../../core/store/index.js";
import { controlCallbackData } from "../notifier.js";
import {
  recordingJobs,
  startChatHarness,
  type ChatHarness,
} from "../../test/support/chat-harness.js";
import { walkToEstimate } from "../../test/support/journey.js";
import { actionData } from "./action-data.js";

let h: ChatHarness;
let jobs: ReturnType<typeof recordingJobs>;

beforeEach(async () => {
  jobs = recordingJobs();
  h = await startChatHarness({ jobs });
  await walkToEstimate(h, { source: h.source.webhookUrl, target: h.target.webhookUrl });
});
afterEach(async () => {
  await h.close();
});

async function migration(): Promise<Migration> {
  const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
  const [m] = await h.deps.stores.migrations.listByCustomer(customer!.id);
  return m!;
}

describe("migration actions", () => {
  it("enqueues the pilot once, however often the button is pressed", async () => {
    await h.press("Пилот");
    expect(h.said()).toContain("🧪 Пилот запущен");
    const mark = h.mark();
    await h.press("Пилот");
    expect(h.said(mark)).toContain("Пилот уже запущен");
    expect(jobs.jobs).toEqual([
      { name: "pilot", data: { migrationId: (await migration()).id, samplePerEntity: 3 } },
    ]);
  });

  it("asks before the full run, queues it once, and refuses a second start", async () => {
    await h.press("Полный перенос");
    expect(h.said()).toContain("Запустить полный перенос?");
    expect(jobs.jobs).toHaveLength(0);
    await h.press("Да, запускаем");
    const m = await migration();
    expect(m.status).toBe("queued");
    expect(m.options.lastStep).toBe("run");
    expect(jobs.jobs.map((j) => j.name)).toEqual(["run"]);
    const mark = h.mark();
    await h.pressData(h.transcript.findButton("Да, запускаем")!.messageId, actionData("go", m.id));
    expect(h.said(mark)).toContain("Сейчас это сделать нельзя: перенос в очереди");
    expect(jobs.jobs).toHaveLength(1);
  });

  it("pauses, resumes and cancels from the progress buttons", async () => {
    const m = await migration();
    await h.deps.stores.migrations.transition(m.id, ["discovered"], "running");
    let mark = h.mark();
    await h.pressData(1, controlCallbackData("pause", m.id));
    expect(h.said(mark)).toContain("Ставлю на паузу");
    expect((await migration()).status).toBe("pausing");
    mark = h.mark();
    await h.pressData(1, controlCallbackData("pause", m.id));
    expect(h.said(mark)).toContain("Сейчас это сделать нельзя");
    await h.deps.stores.migrations.transition(m.id, ["pausing"], "paused");
    await h.pressData(1, controlCallbackData("resume", m.id));
    expect((await migration()).status).toBe("queued");
    expect(jobs.jobs.map((j) => j.name)).toEqual(["run"]);
    await h.pressData(1, controlCallbackData("cancel", m.id));
    expect((await migration()).control).toBe("cancel");
  });

  it("never lets another chat see or control a migration", async () => {
    const m = await migration();
    const stranger = { id: 999, is_bot: false, first_name: "Mallory", language_code: "ru" };
    for (const data of [
      actionData("show", m.id),
      actionData("pilot", m.id),
      controlCallbackData("cancel", m.id),
    ]) {
      const mark = h.mark();
      await h.handle(h.bridge.callbackUpdate(stranger, stranger.id, 1, data));
      expect(h.said(mark)).toContain("Этот перенос недоступен");
    }
    expect(jobs.jobs).toHaveLength(0);
    expect((await migration()).control).toBe("run");
  });

  it("lists my migrations with their state and opens one with its actions", async () => {
    await h.send("/migrations");
    expect(h.said()).toMatch(/1\. 127\.0\.0\.1:\d+ → 127\.0\.0\.1:\d+ — готов к пилоту/);
    const mark = h.mark();
    await h.press("Открыть №1");
    expect(h.said(mark)).toContain("Состояние: готов к пилоту");
    expect(h.said(mark)).toContain("Что переносим: Компании");
    for (const label of ["Пилот", "Полный перенос", "Отменить перенос"])
      expect(h.transcript.findButton(label)).toBeDefined();
    await h.press("Отменить перенос");
    expect((await migration()).status).toBe("cancelled");
    expect(h.said(mark)).toContain("Перенос отменён");
  });

  it("offers the pilot rollback after a pilot and asks first", async () => {
    const m = await migration();
    await h.deps.stores.migrations.transition(m.id, ["discovered"], "pilot_done");
    await h.send("/migrations");
    await h.press("Открыть №1");
    await h.press("Откатить");
    expect(h.said()).toContain("Удалить из портала-назначения записи, созданные пилотом?");
    await h.press("Да, запускаем");
    expect(jobs.jobs).toEqual([{ name: "rollback", data: { migrationId: m.id, scope: "pilot" } }]);
  });

  it("answers an old button after a restart with what it can do now", async () => {
    const pilot = h.transcript.findButton("Пилот")!;
    h.restart();
    await h.pressData(pilot.messageId, pilot.button.data);
    expect(jobs.jobs.map((j) => j.name)).toEqual(["pilot"]);
    h.restart();
    const mark = h.mark();
    await h.pressData(pilot.messageId, "w:ent:done");
    expect(h.said(mark)).toContain("Эта кнопка больше не действует");
  });
});
