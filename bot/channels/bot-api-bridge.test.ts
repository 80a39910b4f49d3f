import { Bot, InlineKeyboard, InputFile } from "grammy";
import { describe, expect, it } from "vitest";
import { BRIDGE_BOT, BotApiBridge, type OutgoingEvent } from "./bot-api-bridge.js";

const user = { id: 42, is_bot: false, first_name: "Anna", language_code: "ru" };

function setup() {
  const events: OutgoingEvent[] = [];
  const bridge = new BotApiBridge({ deliver: (event) => void events.push(event) });
  const bot = new Bot("1:bridge", {
    botInfo: {
      ...BRIDGE_BOT,
      can_join_groups: false,
      can_read_all_group_messages: false,
      supports_inline_queries: false,
      can_connect_to_business: false,
      has_main_web_app: false,
      has_topics_enabled: false,
      allows_users_to_create_topics: false,
    } as never,
    client: { fetch: bridge.fetch },
  });
  return { bridge, bot, events };
}

describe("BotApiBridge", () => {
  it("serves sendMessage with keyboards and routes button presses back", async () => {
    const { bridge, bot, events } = setup();
    bot.command("start", (ctx) =>
      ctx.reply("Menu", { reply_markup: new InlineKeyboard().text("New", "menu:new") }),
    );
    bot.callbackQuery("menu:new", async (ctx) => {
      await ctx.answerCallbackQuery();
      await ctx.editMessageText("Chosen");
    });
    await bot.handleUpdate(bridge.textUpdate(user, 42, "/start"));
    const sent = events[0];
    expect(sent).toMatchObject({
      kind: "message",
      text: "Menu",
      keyboard: [[{ text: "New", data: "menu:new" }]],
    });
    if (sent?.kind !== "message") throw new Error("no message");
    await bot.handleUpdate(bridge.callbackUpdate(user, 42, sent.messageId, "menu:new"));
    expect(events.slice(1)).toEqual([
      { kind: "callback_answer", text: undefined },
      { kind: "edit", chatId: 42, messageId: sent.messageId, text: "Chosen", keyboard: [] },
    ]);
  });

  it("answers 'message is not modified' like Telegram", async () => {
    const { bridge, bot } = setup();
    const message = await bot.api.sendMessage(42, "same");
    await expect(bot.api.editMessageText(42, message.message_id, "same")).rejects.toThrow(
      /message is not modified/,
    );
    expect(bridge.textOf(42, message.message_id)).toBe("same");
  });

  it("delivers documents sent as multipart and serves uploaded files", async () => {
    const { bridge, bot, events } = setup();
    await bot.api.sendDocument(42, new InputFile(Buffer.from("a,b\n1,2\n"), "failures.csv"), {
      caption: "Report",
    });
    const doc = events[0];
    expect(doc).toMatchObject({ kind: "document", filename: "failures.csv", caption: "Report" });
    if (doc?.kind !== "document") throw new Error("no document");
    expect(Buffer.from(doc.bytes).toString()).toBe("a,b\n1,2\n");

    const update = bridge.documentUpdate(user, 42, "mapping.json", Buffer.from("{}"));
    const fileId = update.message?.document?.file_id ?? "";
    const file = await bot.api.getFile(fileId);
    expect(file.file_size).toBe(2);
    expect(Buffer.from(bridge.fileBytes(fileId) ?? []).toString()).toBe("{}");
  });
});
