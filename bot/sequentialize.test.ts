import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { BRIDGE_BOT_INFO, BotApiBridge } from "./channels/bot-api-bridge.js";
import { sequentialize } from "./sequentialize.js";

describe("sequentialize", () => {
  it("handles one chat's updates in order and other chats in parallel", async () => {
    const bridge = new BotApiBridge({ deliver: () => undefined });
    const bot = new Bot("1:seq", { botInfo: BRIDGE_BOT_INFO, client: { fetch: bridge.fetch } });
    const log: string[] = [];
    bot.use(sequentialize());
    bot.on("message:text", async (ctx) => {
      log.push(`start ${ctx.chat.id}:${ctx.message.text}`);
      await new Promise((resolve) => setTimeout(resolve, ctx.message.text === "slow" ? 50 : 1));
      log.push(`end ${ctx.chat.id}:${ctx.message.text}`);
    });
    const user = (id: number) => ({ id, is_bot: false, first_name: "U" });
    await Promise.all([
      bot.handleUpdate(bridge.textUpdate(user(1), 1, "slow")),
      bot.handleUpdate(bridge.textUpdate(user(1), 1, "next")),
      bot.handleUpdate(bridge.textUpdate(user(2), 2, "other")),
    ]);
    expect(log.indexOf("end 1:slow")).toBeLessThan(log.indexOf("start 1:next"));
    expect(log.indexOf("end 2:other")).toBeLessThan(log.indexOf("end 1:slow"));
  });
});
