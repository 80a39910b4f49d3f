import { PassThrough } from "node:stream";
import { describe, expect, it } from "vitest";
import { authError } from "./errors.js";
import { Secret } from "./http/secret.js";
import { createLogger } from "./logger.js";

function capture() {
  const stream = new PassThrough();
  const lines: string[] = [];
  stream.on("data", (chunk: Buffer) =>
    lines.push(...chunk.toString("utf8").split("\n").filter(Boolean)),
  );
  return {
    logger: createLogger({ level: "debug", destination: stream }),
    text: () => lines.join("\n"),
  };
}

describe("logger redaction", () => {
  const webhook = "https://acme.bitrix24.ru/rest/1/k3yk3yk3yk3y/crm.deal.list";

  it("masks webhook secrets in messages, fields, errors and Secret values", async () => {
    const { logger, text } = capture();
    logger.info("calling %s", webhook);
    logger.info({ url: webhook, token: "abc123token", nested: { password: "hunter2" } }, "fields");
    logger.error(
      { err: authError(`rejected ${webhook}`, { cause: new Error(`cause ${webhook}`) }) },
      "failed",
    );
    logger.info({ credentials: new Secret("topsecret") }, "secret object");
    await new Promise((resolve) => setImmediate(resolve));
    const out = text();
    expect(out).toContain("acme.bitrix24.ru");
    for (const secret of ["k3yk3yk3yk3y", "abc123token", "hunter2", "topsecret"]) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('"kind":"auth"');
  });
});
