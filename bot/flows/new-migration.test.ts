import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { readPlanning } from "../services/planning-state.js";
import { startChatHarness, type ChatHarness } from "../../test/support/chat-harness.js";
import { acceptAll, connectBoth, walkToEstimate } from "../../test/support/journey.js";

let h: ChatHarness;
const hooks = () => ({ source: h.source.webhookUrl, target: h.target.webhookUrl });

beforeEach(async () => {
  h = await startChatHarness();
});
afterEach(async () => {
  await h.close();
});

async function onlyMigration() {
  const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
  const [migration] = await h.deps.stores.migrations.listByCustomer(customer!.id);
  return migration!;
}

describe("new migration dialog", () => {
  it("walks Bitrix24 → Bitrix24 from /start to the estimate", async () => {
    await walkToEstimate(h, hooks());
    const said = h.said();
    expect(said).toContain("✅ Подключено: портал");
    expect(said).toContain("В источнике:");
    expect(said).toContain("🔗 Сопоставление полей: Компании (1 из 4)");
    expect(said).toContain("📐 Оценка переноса");
    expect(h.transcript.findButton("Пилот")).toBeDefined();
    expect(h.transcript.findButton("Полный перенос")).toBeDefined();

    const migration = await onlyMigration();
    expect(migration.status).toBe("discovered");
    expect(migration.entities).toEqual(["companies", "contacts", "leads", "deals"]);
    expect(migration.mapping).not.toBeNull();
    expect(migration.route).toBe("bitrix24->bitrix24");
    expect(readPlanning(migration).counts.contacts).toBeGreaterThan(0);
  });

  it("deletes the credential messages and never stores a secret in clear", async () => {
    await connectBoth(h, hooks());
    // The dialog is stored while it waits for the entity choice: its replay log holds only sealed tokens.
    const dialog = JSON.stringify(await h.deps.stores.conversations.read(`dialog:${h.user.id}`));
    expect(dialog).toContain("sealed-secret:v1:");
    await acceptAll(h);
    const deleted = h.transcript.events.filter((e) => e.kind === "delete");
    expect(deleted).toHaveLength(2);
    const codes = [h.source.webhook.code, h.target.webhook.code];
    const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
    const connections = await h.deps.stores.connections.listByCustomer(customer!.id);
    expect(connections).toHaveLength(2);
    for (const code of codes) {
      expect(dialog).not.toContain(code);
      expect(JSON.stringify(connections)).not.toContain(code);
      expect(h.said()).not.toContain(code);
    }
    expect(connections.map((c) => c.label)).toEqual([
      new URL(h.source.baseUrl).host,
      new URL(h.target.baseUrl).host,
    ]);
  });

  it("says what is wrong with a portal link and asks again", async () => {
    await h.send("/start");
    await h.press("Новый перенос");
    await h.press("Битрикс24");
    const cases: Array<[string, string]> = [
      ["привет", "Это не ссылка входящего вебхука"],
      ["http://portal.example.com/rest/1/abcdef/", "должна начинаться с https://"],
      ["https://10.1.2.3/rest/1/abcdef/", "во внутреннюю сеть"],
      ["https://nowhere.invalid/rest/1/abcdef/", "Не нахожу такой адрес"],
      [`${h.source.baseUrl}/rest/1/wrongcode123/`, "Портал не принял ключ"],
      [h.sandbox.addWebhook({ userId: 1, scopes: ["crm"] }).url, "не хватает прав: user"],
    ];
    for (const [link, answer] of cases) {
      const mark = h.mark();
      await h.send(link);
      expect(h.said(mark), link).toContain(answer);
      expect(h.said(mark)).toContain("Пришлите ссылку входящего вебхука");
    }
    const customer = await h.deps.stores.customers.findByChat("console", String(h.user.id));
    expect(await h.deps.stores.connections.listByCustomer(customer!.id)).toHaveLength(0);
    await h.send(h.source.webhookUrl);
    await h.press("Битрикс24");
    const mark = h.mark();
    await h.send(h.source.webhookUrl);
    expect(h.said(mark)).toContain("Это тот же портал, что и источник");
  });

  it("lists coming-soon systems and refuses them", async () => {
    await h.send("/start");
    await h.press("Новый перенос");
    await h.press("amoCRM — скоро");
    expect(h.said()).toContain("amoCRM скоро появится");
    expect(h.transcript.findButton("Битрикс24")).toBeDefined();
  });

  it("answers stray input and old buttons without changing anything", async () => {
    await h.send("/start");
    await h.press("Новый перенос");
    const systems = h.transcript.findButton("Битрикс24")!;
    let mark = h.mark();
    await h.send("просто текст");
    expect(h.said(mark)).toContain("выберите один из вариантов кнопками");
    await h.press("Битрикс24");
    mark = h.mark();
    await h.pressData(systems.messageId, systems.button.data);
    expect(h.said(mark)).toContain("Эта кнопка уже не действует");
    mark = h.mark();
    await h.press("Новый перенос");
    expect(h.said(mark)).toContain("Настройка переноса уже идёт");
    mark = h.mark();
    await h.send(h.source.webhookUrl);
    expect(h.said(mark)).toContain("✅ Подключено");
  });

  it("carries on where it was after a restart of the bot", async () => {
    await connectBoth(h, hooks());
    h.restart();
    const mark = h.mark();
    await h.press("Дальше");
    expect(h.said(mark)).toContain("🔗 Сопоставление полей: Компании (1 из 4)");
    h.restart();
    for (let i = 0; i < 4; i++) await h.press("Принять");
    expect(h.said(mark)).toContain("📐 Оценка переноса");
  });

  it("toggles entities with ✅ and needs at least one", async () => {
    await connectBoth(h, hooks());
    for (const label of ["Компании", "Лиды", "Сделки"]) await h.press(`✅ ${label}`);
    expect(h.transcript.findButton("⬜ Компании")).toBeDefined();
    await h.press("✅ Контакты");
    let mark = h.mark();
    await h.press("Дальше");
    expect(h.said(mark)).toContain("Выберите хотя бы один тип записей");
    await h.press("⬜ Контакты");
    mark = h.mark();
    await h.press("Дальше");
    expect(h.said(mark)).toContain("Контакты (1 из 1)");
    await h.press("Принять");
    expect((await onlyMigration()).entities).toEqual(["contacts"]);
  });

  it("/cancel leaves the dialog; its buttons then say they are no longer active", async () => {
    await connectBoth(h, hooks());
    await h.send("/cancel");
    expect(h.said()).toContain("Настройка прервана");
    const mark = h.mark();
    await h.press("Дальше");
    expect(h.said(mark)).toContain("Эта кнопка больше не действует");
    await h.send("ещё текст");
    expect(h.said(mark)).toContain("Отправьте /start");
  });

  it("speaks English to an English Telegram client", async () => {
    const en = await startChatHarness({ language: "en-US" });
    try {
      await en.send("/start");
      await en.press("New migration");
      expect(en.said()).toContain("Where does the data come from?");
    } finally {
      await en.close();
    }
  });
});
