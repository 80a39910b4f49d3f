import { describe, expect, it } from "vitest";
import { routeByChannel } from "./channel-router.js";
import type { ChatSender } from "./types.js";

const recorder = (name: string, seen: string[]): ChatSender => ({
  send: async (chat, text) => (seen.push(`${name}:${chat.chatId}:${text}`), { messageId: 1 }),
  edit: async () => undefined,
  sendDocument: async () => undefined,
});

describe("routeByChannel", () => {
  it("sends through the chat's channel and refuses a channel that is not running", async () => {
    const seen: string[] = [];
    const sender = routeByChannel({
      telegram: recorder("tg", seen),
      console: recorder("con", seen),
    });
    await sender.send({ channel: "telegram", chatId: "1" }, "a");
    await sender.send({ channel: "console", chatId: "2" }, "b");
    expect(seen).toEqual(["tg:1:a", "con:2:b"]);
    await expect(sender.send({ channel: "whatsapp", chatId: "3@c.us" }, "c")).rejects.toMatchObject(
      {
        kind: "auth",
        code: "chat_unreachable",
      },
    );
  });
});
