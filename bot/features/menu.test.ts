import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startChatHarness, type ChatHarness } from "../../test/support/chat-harness.js";

let h: ChatHarness;
beforeAll(async () => {
  h = await startChatHarness();
});
afterAll(async () => {
  await h.close();
});

describe("menu", () => {
  it("shows the menu on /start with every entry", async () => {
    await h.send("/start");
    for (const label of [
      "Новый перенос",
      "Мои переносы",
      "Запросы и тариф",
      "Поддержка",
      "Помощь",
    ]) {
      expect(h.transcript.findButton(label), label).toBeDefined();
    }
  });

  it("explains the journey on /help and from the menu", async () => {
    let mark = h.mark();
    await h.send("/help");
    expect(h.said(mark)).toContain("Как проходит перенос");
    mark = h.mark();
    await h.press("Помощь");
    expect(h.said(mark)).toContain("/cancel — прервать настройку");
  });

  it("shows usage against the yearly quota", async () => {
    const mark = h.mark();
    await h.press("Запросы и тариф");
    expect(h.said(mark)).toMatch(/Тариф: 1\s000\s000 запросов к API в год/);
  });

  it("shows the support hours from the configuration", async () => {
    const mark = h.mark();
    await h.press("Поддержка");
    expect(h.said(mark)).toContain("Mon-Fri 09:30-18:30 (Europe/Moscow)");
  });

  it("has nothing to list before the first migration", async () => {
    const mark = h.mark();
    await h.press("Мои переносы");
    expect(h.said(mark)).toContain("Переносов пока нет");
  });

  it("points to /start for text and files outside a dialog", async () => {
    let mark = h.mark();
    await h.send("здравствуйте");
    expect(h.said(mark)).toContain("Отправьте /start");
    mark = h.mark();
    await h.upload("mapping.json", Buffer.from("{}"));
    expect(h.said(mark)).toContain("Файл сопоставления можно прислать во время проверки полей");
    mark = h.mark();
    await h.send("/cancel");
    expect(h.said(mark)).toContain("Сейчас нечего отменять");
  });
});
