/**
 * The whole journey through the console channel, as the demo runs it: two sandbox
 * Bitrix24 portals with limits on (time-scaled), the real worker runtime and
 * engine on the real Redis, the notifier delivering into the chat. The bot is
 * restarted (a new Bot over the same stores) twice in the middle of the wizard.
 * The run is paused, and stopped by the target's revoked webhook until the chat
 * gets a new one. At the end the target portal must hold every source record
 * that did not fail.
 */
import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../config/index.js";
import { silentLogger } from "../../core/logger.js";
import type { Migration } from "../../core/store/index.js";
import { startDemo, type Demo } from "../../bot/demo/start-demo.js";
import type { CrmKind } from "../../sandbox/bitrix24/data/types.js";
import { REDIS_URL, cleanupPrefix, uniquePrefix } from "../worker/support/redis.js";
import { connectBoth } from "../support/journey.js";

const prefix = uniquePrefix("chat-e2e");
let demo: Demo;
let outputDir: string;

const chat = {
  async send(text: string) {
    await demo.handle(await demo.channel.updateFor(text));
  },
  async press(label: string) {
    const update = demo.channel.pressUpdate(label);
    if (update === null)
      throw new Error(`no button "${label}" in:\n${demo.channel.transcript.text().slice(-3000)}`);
    await demo.handle(update);
  },
  said: (since = 0) => demo.channel.transcript.text(since),
  mark: () => demo.channel.transcript.events.length,
  waitFor: (text: string, since: number, timeoutMs = 30_000) =>
    demo.channel.transcript.waitFor(text, { since, timeoutMs }),
};

const KINDS: Record<string, CrmKind> = {
  companies: "company",
  contacts: "contact",
  leads: "lead",
  deals: "deal",
};

beforeAll(async () => {
  outputDir = await mkdtemp(join(tmpdir(), "pereezd-e2e-"));
  const config = loadConfig("demo", { REDIS_URL, LOG_LEVEL: "silent" });
  demo = await startDemo({
    config,
    redisUrl: REDIS_URL,
    logger: silentLogger(),
    size: 2500,
    timeScale: 3,
    outputDir,
    write: () => undefined,
    language: "ru",
    progressIntervalMs: 200,
    pilotSize: 2,
    queuePrefix: prefix,
  });
});

afterAll(async () => {
  await demo?.close();
  await cleanupPrefix(prefix);
  await rm(outputDir, { recursive: true, force: true });
});

async function theMigration(): Promise<Migration> {
  const customer = await demo.stores.customers.findByChat("console", String(demo.channel.chatId));
  const [migration] = await demo.stores.migrations.listByCustomer(customer!.id);
  return migration!;
}

describe("the chat journey, end to end", () => {
  it("sets up, pilots, runs with a pause and a renewed webhook, and fills the target portal", async () => {
    await connectBoth(chat, {
      source: demo.vars.SOURCE_WEBHOOK!,
      target: demo.vars.TARGET_WEBHOOK!,
    });
    demo.restartBot();
    await chat.press("Дальше");
    await chat.press("Скачать файл");
    let mark = chat.mark();
    await chat.send(`/file ${demo.channel.lastDocument!}`);
    expect(chat.said(mark)).toContain("✅ Файл принят");
    await chat.press("Принять");
    await chat.press("Принять");
    demo.restartBot();
    await chat.press("Принять");
    await chat.press("Принять");
    expect(chat.said()).toContain("📐 Оценка переноса");

    mark = chat.mark();
    await chat.press("Пилот");
    await chat.waitFor("Пилотный перенос готов", mark);
    expect(chat.said(mark)).toMatch(
      /Контакты #\d+: http:\/\/127\.0\.0\.1:\d+\/crm\/contact\/details\/\d+\//,
    );
    expect((await theMigration()).status).toBe("pilot_done");
    expect(
      demo.channel.transcript.findButton("Откатить"),
      "rollback under the pilot report",
    ).toBeDefined();

    await chat.send("/migrations");
    await chat.press("Открыть №1");
    await chat.press("Полный перенос");
    // Every target request answers 250 ms late during the run, so the pause lands mid-run, not after it.
    demo.sandbox.setFaults({ rate: 1, kinds: ["slow"], slowMs: 250 }, 1);
    mark = chat.mark();
    await chat.press("Да, запускаем");
    await chat.waitFor("Перенос данных: идёт", mark);
    await chat.press("Пауза");
    mark = chat.mark();
    await chat.waitFor("Перенос данных: на паузе", mark);
    expect((await theMigration()).status).toBe("paused");
    demo.sandbox.setFaults(null, 1);
    // Meanwhile the customer replaced the target's webhook: the resumed run stops on it…
    const targetPortal = demo.sandbox.portal(1);
    const targetHost = new URL(targetPortal.baseUrl).host;
    expect(demo.sandbox.revokeWebhook(undefined, 1)).toBe(true);
    mark = chat.mark();
    await chat.press("Продолжить");
    await chat.waitFor("Доступ к CRM (назначение) больше не действует", mark);
    expect(await theMigration()).toMatchObject({
      status: "paused",
      lastError: { kind: "auth", side: "target" },
    });
    // …and carries on where it stopped once the chat was given the new one.
    await chat.press(`Обновить доступ к ${targetHost}`);
    const renewed = demo.sandbox.addWebhook(
      { userId: 1, scopes: [...targetPortal.webhook.scopes] },
      1,
    );
    await chat.send(renewed.url);
    expect(chat.said(mark)).toContain(`Доступ к порталу ${targetHost} обновлён`);
    await chat.waitFor("Перенос завершён", mark, 40_000);
    for (const code of [targetPortal.webhook.code, renewed.webhook.code])
      expect(JSON.stringify(demo.channel.transcript.events)).not.toContain(code);

    const migration = await theMigration();
    expect(migration.status).toBe("completed");
    const source = demo.sandbox.portal(0).portal.data.crm;
    const target = demo.sandbox.portal(1).portal.data.crm;
    let moved = 0;
    for (const entity of migration.entities) {
      const kind = KINDS[entity]!;
      const failed = await demo.stores.recordErrors.count(migration.id, entity);
      expect(target[kind].rows.length + failed, entity).toBe(source[kind].rows.length);
      moved += target[kind].rows.length;
    }
    expect(moved).toBeGreaterThan(0);
    for (const row of target.contact.rows) {
      const original = source.contact.rows.find((r) => String(r.id) === String(row.f["ORIGIN_ID"]));
      expect(original?.f["NAME"]).toBe(row.f["NAME"]);
      expect(original?.f["LAST_NAME"]).toBe(row.f["LAST_NAME"]);
    }
  }, 60_000);
});
