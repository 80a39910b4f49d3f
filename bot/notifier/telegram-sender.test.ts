/**
 * The Telegram sender against a fake Bot API (grammY's `client.fetch` seam):
 * the calls it makes, and how Telegram's errors become ours.
 */
import { Api } from "grammy";
import { describe, expect, it } from "vitest";
import { createTelegramSender } from "./telegram-sender.js";

type Answer =
  | { ok: true; result: unknown }
  | { ok: false; error_code: number; description: string; parameters?: { retry_after?: number } };

function fakeApi(answers: Answer[]) {
  const calls: Array<{ method: string; body: unknown }> = [];
  const fetch = (async (url: string | URL, init?: { body?: unknown }) => {
    const method = String(url).split("/").pop()!;
    const body = typeof init?.body === "string" ? (JSON.parse(init.body) as unknown) : "multipart";
    calls.push({ method, body });
    const answer = answers.shift() ?? { ok: true, result: true };
    return new Response(JSON.stringify(answer), {
      headers: { "content-type": "application/json" },
    });
  }) as unknown as typeof globalThis.fetch;
  return { api: new Api("123:TEST", { fetch }), calls };
}

const chat = { channel: "telegram" as const, chatId: "42" };
const message = {
  message_id: 7,
  date: 0,
  chat: { id: 42, type: "private", first_name: "A" },
  text: "x",
};

describe("telegram sender", () => {
  it("sends with an inline keyboard and returns the message id", async () => {
    const { api, calls } = fakeApi([{ ok: true, result: message }]);
    const sent = await createTelegramSender(api).send(chat, "hello", [
      [{ text: "Pause", data: "mig:pause:1" }],
    ]);
    expect(sent).toEqual({ messageId: 7 });
    expect(calls).toEqual([
      {
        method: "sendMessage",
        body: {
          chat_id: "42",
          text: "hello",
          reply_markup: { inline_keyboard: [[{ text: "Pause", callback_data: "mig:pause:1" }]] },
        },
      },
    ]);
  });

  it("ignores 400 'message is not modified' on edit", async () => {
    const { api, calls } = fakeApi([
      {
        ok: false,
        error_code: 400,
        description:
          "Bad Request: message is not modified: specified new message content is exactly the same",
      },
    ]);
    await expect(createTelegramSender(api).edit(chat, 7, "same")).resolves.toBeUndefined();
    expect(calls[0]).toMatchObject({
      method: "editMessageText",
      body: { chat_id: "42", message_id: 7, text: "same" },
    });
  });

  it("turns 429 into rate_limited with retry_after", async () => {
    const { api } = fakeApi([
      {
        ok: false,
        error_code: 429,
        description: "Too Many Requests: retry after 12",
        parameters: { retry_after: 12 },
      },
    ]);
    await expect(createTelegramSender(api).edit(chat, 7, "x")).rejects.toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 12_000,
    });
  });

  it("names a vanished message and a blocked chat", async () => {
    const { api } = fakeApi([
      { ok: false, error_code: 400, description: "Bad Request: message to edit not found" },
      { ok: false, error_code: 403, description: "Forbidden: bot was blocked by the user" },
    ]);
    const sender = createTelegramSender(api);
    await expect(sender.edit(chat, 7, "x")).rejects.toMatchObject({
      kind: "not_found",
      code: "message_not_found",
    });
    await expect(sender.send(chat, "x")).rejects.toMatchObject({
      kind: "auth",
      code: "chat_unreachable",
    });
  });

  it("uploads a document as multipart", async () => {
    const { api, calls } = fakeApi([{ ok: true, result: message }]);
    await createTelegramSender(api).sendDocument(
      chat,
      "failed.csv",
      new TextEncoder().encode("a,b\n"),
      "caption",
    );
    expect(calls).toEqual([{ method: "sendDocument", body: "multipart" }]);
  });

  it("refuses a chat of another channel", async () => {
    const { api } = fakeApi([]);
    await expect(
      createTelegramSender(api).send({ channel: "whatsapp", chatId: "1@c.us" }, "x"),
    ).rejects.toMatchObject({ kind: "invalid_input" });
  });
});
