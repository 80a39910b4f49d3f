import { mkdtemp, rm } from "node:fs/promises";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { Bot, InlineKeyboard, InputFile } from "grammy";
import { afterEach, describe, expect, it } from "vitest";
import { BRIDGE_BOT_INFO } from "../bot-api-bridge.js";
import { ConsoleChannel } from "./console-channel.js";
import { runScript } from "./console-runner.js";

let dir: string | undefined;
afterEach(async () => {
  if (dir) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  dir = await mkdtemp(join(tmpdir(), "console-"));
  let out = "";
  const channel = new ConsoleChannel({
    outputDir: dir,
    write: (t) => void (out += t),
    user: { id: 5, is_bot: false, first_name: "U", language_code: "ru" },
  });
  const bot = new Bot("1:console", {
    botInfo: BRIDGE_BOT_INFO,
    client: { fetch: channel.bridge.fetch },
  });
  bot.command("start", (ctx) =>
    ctx.reply("Menu", { reply_markup: new InlineKeyboard().text("Alpha", "a").text("Beta", "b") }),
  );
  bot.callbackQuery("b", async (ctx) => {
    await ctx.answerCallbackQuery();
    await ctx.replyWithDocument(new InputFile(Buffer.from("{}"), "m.json"), { caption: "File" });
    setTimeout(() => void ctx.reply("Later: done"), 30);
  });
  bot.on("message:document", (ctx) => ctx.reply(`Got ${ctx.message.document.file_name ?? "?"}`));
  bot.on("message:text", (ctx) => ctx.reply(`Echo ${ctx.message.text}`));
  return { channel, bot, output: () => out };
}

describe("console runner", () => {
  it("plays a script: typed lines, presses by label, waits, files and variables", async () => {
    const { channel, bot, output } = await setup();
    await runScript(
      ["/start", "press: Beta", "wait 2: Later: done", "/file ${LAST_DOCUMENT}", "${SECRET}"].join(
        "\n",
      ),
      {
        channel,
        handle: (u) => bot.handleUpdate(u),
        vars: { SECRET: "https://x/rest/1/abcd/" },
        write: () => undefined,
      },
    );
    const said = channel.transcript.text();
    expect(said).toContain("Later: done");
    expect(said).toMatch(/Got \d+-m\.json/);
    expect(said).toContain("Echo https://x/rest/1/abcd/");
    expect(output()).toContain("1) Alpha");
    expect(output()).toContain("2) Beta");
  });

  it("fails with the line number when a button is missing or a text never comes", async () => {
    const { channel, bot } = await setup();
    const run = (script: string) =>
      runScript(script, {
        channel,
        handle: (u) => bot.handleUpdate(u),
        vars: {},
        write: () => undefined,
      });
    await expect(run("/start\npress: Gamma")).rejects.toThrow(/line 2: no button "Gamma"/);
    await expect(run("wait 0.05: never")).rejects.toThrow(/line 1: "never" did not appear/);
  });

  it("turns a number into a press of that button of the last keyboard", async () => {
    const { channel, bot } = await setup();
    await bot.handleUpdate(await channel.updateFor("/start"));
    const update = await channel.updateFor("2");
    expect(update.callback_query?.data).toBe("b");
  });
});
