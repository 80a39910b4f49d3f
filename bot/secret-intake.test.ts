import { randomBytes } from "node:crypto";
import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { silentLogger } from "../core/logger.js";
import { createSecretBox } from "../core/security/secret-box.js";
import { createMemoryStores } from "../core/store/index.js";
import { BRIDGE_BOT_INFO, BotApiBridge, type OutgoingEvent } from "./channels/bot-api-bridge.js";
import { SEALED_PREFIX, createSecretIntake } from "./secret-intake.js";

const user = { id: 7, is_bot: false, first_name: "A" };

function setup() {
  const events: OutgoingEvent[] = [];
  const bridge = new BotApiBridge({ deliver: (e) => void events.push(e) });
  const intake = createSecretIntake({
    box: createSecretBox(randomBytes(32)),
    storage: createMemoryStores().conversations,
    patterns: [/\/rest\/\d+\/\w{4,}/],
    logger: silentLogger(),
  });
  const seen: string[] = [];
  const bot = new Bot("1:intake", { botInfo: BRIDGE_BOT_INFO, client: { fetch: bridge.fetch } });
  bot.use(intake.middleware);
  bot.on("message:text", (ctx) => void seen.push(ctx.message.text));
  return { bridge, intake, seen, events, bot };
}

describe("secret intake", () => {
  it("seals and deletes a text that is plainly a webhook link, wherever it is sent", async () => {
    const { bridge, intake, seen, events, bot } = setup();
    const link = "https://a.bitrix24.ru/rest/1/s3cr3tcode/";
    await bot.handleUpdate(bridge.textUpdate(user, 7, link));
    expect(seen[0]).toMatch(new RegExp(`^${SEALED_PREFIX}`));
    expect(seen[0]).not.toContain("s3cr3tcode");
    expect(events).toEqual([
      { kind: "delete", chatId: 7, messageId: expect.any(Number) as number },
    ]);
    expect(intake.open(seen[0]!, 7)).toBe(link);
    expect(intake.open(seen[0]!, 8)).toBeNull();
  });

  it("seals any text while the chat waits for a secret, and plain text otherwise", async () => {
    const { bridge, intake, seen, bot } = setup();
    await bot.handleUpdate(bridge.textUpdate(user, 7, "hello"));
    await intake.expect(7);
    await bot.handleUpdate(bridge.textUpdate(user, 7, "token-without-pattern"));
    await intake.clear(7);
    await bot.handleUpdate(bridge.textUpdate(user, 7, "bye"));
    expect(seen[0]).toBe("hello");
    expect(intake.open(seen[1]!, 7)).toBe("token-without-pattern");
    expect(seen[2]).toBe("bye");
    expect(intake.open("hello", 7)).toBeNull();
  });
});
