import { randomBytes } from "node:crypto";
import { describe, expect, it } from "vitest";
import { isPereezdError } from "../errors.js";
import { createSecretBox } from "./secret-box.js";

describe("SecretBox", () => {
  const box = createSecretBox(randomBytes(32));

  it("round-trips and never stores the plaintext", () => {
    const sealed = box.sealJson({ webhookUrl: "https://x.bitrix24.ru/rest/1/s3cr3t/" }, "cust-1");
    expect(JSON.stringify(sealed)).not.toContain("s3cr3t");
    expect(box.openJson(sealed, "cust-1")).toEqual({
      webhookUrl: "https://x.bitrix24.ru/rest/1/s3cr3t/",
    });
  });

  it("uses a fresh IV every time", () => {
    expect(box.seal("same").iv).not.toBe(box.seal("same").iv);
    expect(box.seal("same").data).not.toBe(box.seal("same").data);
  });

  it("a wrong key is a clear config error, not garbage", () => {
    const sealed = box.seal("token");
    const other = createSecretBox(randomBytes(32));
    let caught: unknown;
    try {
      other.open(sealed);
    } catch (error) {
      caught = error;
    }
    expect(isPereezdError(caught, "config")).toBe(true);
    expect(String(caught)).toMatch(/ENCRYPTION_KEY/);
  });

  it("a tampered blob or another context is refused", () => {
    const sealed = box.seal("token", "cust-1");
    const flipped = Buffer.from(sealed.data, "base64");
    flipped[0] = (flipped[0] ?? 0) ^ 1;
    expect(() => box.open({ ...sealed, data: flipped.toString("base64") }, "cust-1")).toThrow(
      /cannot be decrypted/,
    );
    expect(() => box.open(sealed, "cust-2")).toThrow(/cannot be decrypted/);
  });

  it("refuses a key of the wrong size", () => {
    expect(() => createSecretBox(randomBytes(16))).toThrow(/32 bytes/);
  });
});
