import { Bot } from "grammy";
import { describe, expect, it } from "vitest";
import { createMetrics } from "../../runtime/index.js";
import { BRIDGE_BOT_INFO, BotApiBridge, type OutgoingEvent } from "../channels/bot-api-bridge.js";
import type { BotContext } from "../context.js";
import { createBotHttpApp, webhookPath } from "./http-app.js";

const token = "123456:ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghij";
const secretToken = "s3cret-token-for-tests";

function setup() {
  const events: OutgoingEvent[] = [];
  const bridge = new BotApiBridge({ deliver: (e) => void events.push(e) });
  const bot = new Bot<BotContext>(token, {
    botInfo: BRIDGE_BOT_INFO,
    client: { fetch: bridge.fetch },
  });
  bot.on("message", (ctx) => ctx.reply("pong"));
  const app = createBotHttpApp({
    checks: { store: async () => undefined },
    metrics: createMetrics(),
    webhook: { bot, token, secretToken },
  });
  const update = bridge.textUpdate({ id: 1, is_bot: false, first_name: "A" }, 1, "ping");
  return { app, events, update };
}

describe("bot HTTP app", () => {
  it("takes Telegram updates at the webhook path with the secret token", async () => {
    const { app, events, update } = setup();
    const response = await app.request(webhookPath(token), {
      method: "POST",
      headers: {
        "content-type": "application/json",
        "X-Telegram-Bot-Api-Secret-Token": secretToken,
      },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(200);
    expect(events).toMatchObject([{ kind: "message", text: "pong" }]);
  });

  it("refuses a webhook call without the secret token", async () => {
    const { app, events, update } = setup();
    const response = await app.request(webhookPath(token), {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(update),
    });
    expect(response.status).toBe(401);
    expect(events).toHaveLength(0);
  });

  it("serves health, readiness and metrics; the path does not reveal the token", async () => {
    const { app } = setup();
    expect((await app.request("/healthz")).status).toBe(200);
    expect((await app.request("/readyz")).status).toBe(200);
    expect((await app.request("/metrics")).status).toBe(200);
    expect(webhookPath(token)).toMatch(/^\/telegram\/[0-9a-f]{32}$/);
    expect(webhookPath(token)).not.toContain(token.split(":")[1]!);
  });
});
