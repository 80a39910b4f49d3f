/**
 * "Update access to <portal>" through `bot.handleUpdate`, against sandbox Bitrix24
 * portals: a run stopped because the target's webhook was revoked (the state the
 * worker records, worker/processors/failure.ts) is given a new webhook from the
 * chat and resumed; every refusal says what to do and changes nothing.
 */
import { pino } from "pino";
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { Connection, Migration, MigrationError } from "../../core/store/index.js";
import {
  recordingJobs,
  startChatHarness,
  type ChatHarness,
} from "../../test/support/chat-harness.js";
import { walkToEstimate } from "../../test/support/journey.js";
import { actionData } from "../features/action-data.js";

let h: ChatHarness;
let jobs: ReturnType<typeof recordingJobs>;
/** Every log line, at every level, as the logger got it (no redaction in between). */
let logLines: string[];
let sourceHost: string;
let targetHost: string;

beforeEach(async () => {
  jobs = recordingJobs();
  logLines = [];
  const logger = pino({ level: "trace" }, { write: (line: string) => void logLines.push(line) });
  h = await startChatHarness({ jobs, logger });
  await walkToEstimate(h, { source: h.source.webhookUrl, target: h.target.webhookUrl });
  sourceHost = new URL(h.source.baseUrl).host;
  targetHost = new URL(h.target.baseUrl).host;
});
afterEach(async () => {
  await h.close();
});

async function migration(): Promise<Migration> {
  const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
  const [m] = await h.deps.stores.migrations.listByCustomer(customer!.id);
  return m!;
}

async function targetConnection(): Promise<Connection> {
  return (await h.deps.stores.connections.getById((await migration()).targetConnectionId))!;
}

/** The full run stopped as the worker leaves it when the target's webhook is revoked. */
async function stopByRevokedTarget(recordSide = true): Promise<Migration> {
  const m = await migration();
  expect(h.sandbox.revokeWebhook(undefined, 1)).toBe(true);
  await h.deps.stores.migrations.update(m.id, { options: { ...m.options, lastStep: "run" } });
  const lastError: MigrationError = {
    kind: "auth",
    message: `The target CRM (${targetHost}) refused the credentials: the webhook is not valid`,
    at: new Date(),
    ...(recordSide ? { side: "target" as const } : {}),
  };
  return (await h.deps.stores.migrations.transition(m.id, ["discovered"], "paused", {
    lastError,
  }))!;
}

/** A new inbound webhook of the target with every scope the old one had. */
const newTargetWebhook = () =>
  h.sandbox.addWebhook({ userId: 1, scopes: [...h.target.webhook.scopes] }, 1);

async function openCard(): Promise<void> {
  await h.send("/migrations");
  await h.press("Открыть №1");
}

describe("update access after a revoked webhook", () => {
  it("asks for the target's new webhook, stores it and resumes the run", async () => {
    const m = await stopByRevokedTarget();
    const before = await targetConnection();
    await openCard();
    expect(h.said()).toContain(`портал ${targetHost} перестал принимать ключ`);
    expect(h.transcript.findButton(`Обновить доступ к ${sourceHost}`)).toBeUndefined();
    expect(h.transcript.findButton("Продолжить")).toBeDefined();

    await h.press(`Обновить доступ к ${targetHost}`);
    expect(h.said()).toContain(`Портал ${targetHost} (назначение) больше не принимает ключ`);
    const deletes = h.transcript.events.filter((e) => e.kind === "delete").length;
    // A refused link first: the dialog is stored while it waits again, with the link sealed.
    const wrong = `${h.target.baseUrl}/rest/1/wrongcode123/`;
    await h.send(wrong);
    expect(h.said()).toContain("Портал не принял ключ");
    const dialog = JSON.stringify(await h.deps.stores.conversations.read(`dialog:${h.user.id}`));
    expect(dialog).toContain("sealed-secret:v1:");
    expect(dialog).not.toContain("wrongcode123");
    const { url, webhook } = newTargetWebhook();
    const mark = h.mark();
    await h.send(url);

    expect(h.said(mark)).toContain(`✅ Доступ к порталу ${targetHost} обновлён`);
    expect(h.transcript.events.filter((e) => e.kind === "delete")).toHaveLength(deletes + 2);
    const after = await targetConnection();
    expect(after.secret).not.toEqual(before.secret);
    expect(after).toMatchObject({ label: targetHost, status: "active" });
    // The stored credentials work again although the old webhook stays revoked.
    await expect((await h.deps.connections.open(after.id)).check()).resolves.toMatchObject({
      accountName: targetHost,
    });
    expect((await migration()).status).toBe("queued");
    expect(jobs.jobs).toEqual([{ name: "run", data: { migrationId: m.id } }]);

    // No secret went into a message, a connection's meta or a log line (at any level).
    expect(await h.deps.stores.conversations.read(`dialog:${h.user.id}`)).toBeUndefined();
    for (const code of [webhook.code, h.target.webhook.code, "wrongcode123"]) {
      expect(JSON.stringify(h.transcript.events)).not.toContain(code);
      expect(JSON.stringify(after.meta)).not.toContain(code);
      expect(logLines.join("\n")).not.toContain(code);
    }
    expect(logLines.join("\n")).toContain("credentials renewed");
  });

  it("refuses a webhook of another portal, names both, and changes nothing", async () => {
    await stopByRevokedTarget();
    const before = await targetConnection();
    await openCard();
    await h.press(`Обновить доступ к ${targetHost}`);
    const mark = h.mark();
    await h.send(h.source.webhookUrl);
    expect(h.said(mark)).toContain(
      `Эта ссылка — от портала ${sourceHost}, а перенос использует портал ${targetHost}`,
    );
    expect(h.said(mark)).toContain(`Пришлите ссылку вебхука портала ${targetHost} ещё раз`);
    expect(await targetConnection()).toEqual(before);
    expect((await migration()).status).toBe("paused");
    expect(jobs.jobs).toEqual([]);

    await h.press("Отмена");
    expect(h.said(mark)).toContain(`доступ к ${targetHost} не меняю`);
    expect(await targetConnection()).toEqual(before);
    expect((await migration()).status).toBe("paused");
    // Leaving the dialog lets a later text be plain text again.
    const later = h.mark();
    await h.send("привет");
    expect(h.said(later)).toContain("Я понимаю кнопки и команды");
  });

  it("names the missing scopes", async () => {
    await stopByRevokedTarget();
    const before = await targetConnection();
    await openCard();
    await h.press(`Обновить доступ к ${targetHost}`);
    const mark = h.mark();
    await h.send(h.sandbox.addWebhook({ userId: 1, scopes: ["crm"] }, 1).url);
    expect(h.said(mark)).toContain(`У вебхука портала ${targetHost} не хватает прав: user`);
    expect(await targetConnection()).toEqual(before);
    expect(jobs.jobs).toEqual([]);
  });

  it("explains a malformed link, plain http, a private address and a wrong code, then accepts", async () => {
    const m = await stopByRevokedTarget();
    const before = await targetConnection();
    await openCard();
    await h.press(`Обновить доступ к ${targetHost}`);
    const cases: Array<[string, string]> = [
      ["привет", "Это не ссылка входящего вебхука"],
      ["https://", "Это не ссылка входящего вебхука"],
      ["http://portal.example.com/rest/1/abcdef/", "должна начинаться с https://"],
      ["https://10.1.2.3/rest/1/abcdef/", "во внутреннюю сеть"],
      [`${h.target.baseUrl}/rest/1/wrongcode123/`, "Портал не принял ключ"],
      [h.target.webhookUrl, "Портал не принял ключ"],
    ];
    for (const [link, answer] of cases) {
      const mark = h.mark();
      await h.send(link);
      expect(h.said(mark), link).toContain(answer);
      expect(h.said(mark), link).toContain("или нажмите «Отмена»");
      expect(await targetConnection()).toEqual(before);
      expect((await migration()).status).toBe("paused");
    }
    expect(jobs.jobs).toEqual([]);
    await h.send(newTargetWebhook().url);
    expect(jobs.jobs).toEqual([{ name: "run", data: { migrationId: m.id } }]);
  });

  it("answers a double, stale or foreign press briefly and changes nothing", async () => {
    const m = await stopByRevokedTarget();
    await openCard();
    const access = h.transcript.findButton(`Обновить доступ к ${targetHost}`)!;
    await h.press(`Обновить доступ к ${targetHost}`);
    let mark = h.mark();
    await h.pressData(access.messageId, access.button.data);
    expect(h.said(mark)).toContain("Сначала ответьте на последний вопрос выше");
    expect(h.said(mark)).not.toContain("больше не принимает ключ");

    const stranger = { id: 999, is_bot: false, first_name: "Mallory", language_code: "ru" };
    mark = h.mark();
    await h.handle(h.bridge.callbackUpdate(stranger, stranger.id, 1, access.button.data));
    expect(h.said(mark)).toContain("Этот перенос недоступен");

    await h.send(newTargetWebhook().url);
    expect(jobs.jobs).toHaveLength(1);
    const renewed = await targetConnection();
    mark = h.mark();
    await h.pressData(access.messageId, access.button.data);
    expect(h.said(mark)).toContain("Сейчас это сделать нельзя: перенос в очереди");
    expect(jobs.jobs).toHaveLength(1);
    expect(await targetConnection()).toEqual(renewed);

    // A migration that did not stop on credentials has no such button, and a forged press is refused.
    await h.deps.stores.migrations.transition(m.id, ["queued"], "paused", { lastError: null });
    await openCard();
    expect(h.transcript.findButton("Обновить доступ")?.messageId).toBe(access.messageId);
    mark = h.mark();
    await h.pressData(1, actionData("access_source", m.id));
    expect(h.said(mark)).toContain("Сейчас это сделать нельзя: перенос на паузе");
  });

  it("after a pilot stopped on credentials, renews access without starting anything", async () => {
    const m = await migration();
    expect(h.sandbox.revokeWebhook(undefined, 1)).toBe(true);
    // The worker puts a failed pilot back to "discovered" with the error (failure.ts).
    await h.deps.stores.migrations.update(m.id, {
      lastError: { kind: "auth", message: "refused", at: new Date(), side: "target" },
    });
    await openCard();
    expect(h.transcript.findButton("Пилот")).toBeDefined();
    const access = h.transcript.findButton(`Обновить доступ к ${targetHost}`)!;
    await h.press(`Обновить доступ к ${targetHost}`);
    const mark = h.mark();
    await h.send(newTargetWebhook().url);
    expect(h.said(mark)).toContain(`Доступ к порталу ${targetHost} обновлён. Откройте перенос`);
    const after = await migration();
    expect(after.status).toBe("discovered");
    expect(after.lastError).toBeUndefined();
    expect(jobs.jobs).toEqual([]);
    const card = h.mark();
    await h.press("Открыть перенос");
    expect(h.said(card)).toContain("Состояние: готов к пилоту");
    expect(h.said(card)).not.toContain("Последняя ошибка");
    // The only "update access" button left is the one on the old card.
    expect(h.transcript.findButton("Обновить доступ")?.messageId).toBe(access.messageId);
  });

  it("offers both portals when the stop did not record its side", async () => {
    await stopByRevokedTarget(false);
    await openCard();
    expect(h.said()).toContain("портал перестал принимать ключ");
    expect(h.transcript.findButton(`Обновить доступ к ${sourceHost}`)).toBeDefined();
    expect(h.transcript.findButton(`Обновить доступ к ${targetHost}`)).toBeDefined();
  });

  it("speaks English to an English client", async () => {
    await h.close();
    jobs = recordingJobs();
    h = await startChatHarness({ jobs, language: "en" });
    await h.send("/start");
    await h.press("New migration");
    await h.press("Bitrix24");
    await h.send(h.source.webhookUrl);
    await h.press("Bitrix24");
    await h.send(h.target.webhookUrl);
    await h.press("Continue");
    for (let i = 0; i < 4; i++) await h.press("Accept");
    targetHost = new URL(h.target.baseUrl).host;
    sourceHost = new URL(h.source.baseUrl).host;
    await stopByRevokedTarget();
    await h.send("/migrations");
    await h.press("Open #1");
    await h.press(`Update access to ${targetHost}`);
    expect(h.said()).toContain(`Portal ${targetHost} (target) no longer accepts`);
    const mark = h.mark();
    await h.send(h.source.webhookUrl);
    expect(h.said(mark)).toContain(
      `These credentials are for portal ${sourceHost}, but the migration uses ${targetHost}`,
    );
    await h.send(newTargetWebhook().url);
    expect(h.said()).toContain(`Access to portal ${targetHost} updated`);
  });
});
