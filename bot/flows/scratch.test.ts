import { it } from "vitest";
import { startChatHarness } from "../../test/support/chat-harness.js";

it("scratch", async () => {
  const h = await startChatHarness();
  try {
    await h.send("/start");
    await h.press("Новый перенос");
    await h.press("Битрикс24");
    await h.send(h.source.webhookUrl);
    await h.press("Битрикс24");
    await h.send(h.target.webhookUrl);
    await h.press("Дальше");
    await h.press("Принять");
    await h.press("Принять");
    await h.press("Принять");
    await h.press("Принять");
  } finally {
    console.log(h.transcript.events.map((e) => JSON.stringify(e)).join("\n").slice(0, 20000));
    await h.close();
  }
});
