import { describe, expect, it } from "vitest";
import { ConfigError, loadConfig } from "./index.js";

const key = "a".repeat(64);
const base = {
  REDIS_URL: "redis://127.0.0.1:6379",
  MONGO_URL: "mongodb://127.0.0.1:27017",
  ENCRYPTION_KEY: key,
};

function problemsOf(fn: () => unknown): string[] {
  try {
    fn();
  } catch (error) {
    if (error instanceof ConfigError) return error.problems.map((p) => p.variable);
    throw error;
  }
  throw new Error("expected a ConfigError");
}

describe("loadConfig", () => {
  it("names every missing variable of the worker at once", () => {
    expect(problemsOf(() => loadConfig("worker", {}))).toEqual([
      "REDIS_URL",
      "ENCRYPTION_KEY",
      "MONGO_URL",
    ]);
  });

  it("the message says what is expected", () => {
    expect(() => loadConfig("worker", {})).toThrow(/REDIS_URL: required.*redis:\/\//);
  });

  it("accepts a complete worker environment with defaults", () => {
    const config = loadConfig("worker", base);
    expect(config.ENCRYPTION_KEY).toHaveLength(32);
    expect(config.PLAN_QUOTA_CALLS).toBe(1_000_000);
    expect(config.TIME_ZONE).toBe("Europe/Moscow");
    expect(config.WORKING_HOURS).toBe("Mon-Fri 09:30-18:30");
    expect(config.WHATSAPP_ENABLED).toBe(false);
  });

  it("reports malformed values with what is expected", () => {
    const problems = problemsOf(() =>
      loadConfig("worker", {
        ...base,
        ENCRYPTION_KEY: "short",
        REDIS_URL: "http://x",
        TIME_ZONE: "Mars/Olympus",
        PROMOTION_WINDOWS: "not json",
        WHATSAPP_ENABLED: "maybe",
      }),
    );
    expect(problems.sort()).toEqual(
      ["ENCRYPTION_KEY", "PROMOTION_WINDOWS", "REDIS_URL", "TIME_ZONE", "WHATSAPP_ENABLED"].sort(),
    );
  });

  it("requires the bot token, and the public URL and secret in webhook mode", () => {
    expect(problemsOf(() => loadConfig("bot", { ...base, TELEGRAM_MODE: "webhook" }))).toEqual([
      "TELEGRAM_BOT_TOKEN",
      "PUBLIC_URL",
      "TELEGRAM_WEBHOOK_SECRET",
    ]);
  });

  it("treats empty values as unset", () => {
    expect(problemsOf(() => loadConfig("worker", { ...base, REDIS_URL: "" }))).toEqual([
      "REDIS_URL",
    ]);
  });

  it("parses promotion windows and host lists", () => {
    const config = loadConfig("worker", {
      ...base,
      PROMOTION_WINDOWS: '[{"name":"december","from":"2026-12-01","to":"2026-12-31"}]',
      ALLOWED_PRIVATE_HOSTS: "127.0.0.1:8101, sandbox.local",
    });
    expect(config.PROMOTION_WINDOWS).toEqual([
      { name: "december", from: "2026-12-01", to: "2026-12-31", unmetered: true },
    ]);
    expect(config.ALLOWED_PRIVATE_HOSTS).toEqual(["127.0.0.1:8101", "sandbox.local"]);
  });

  it("lets the demo start with nothing, on the memory store", () => {
    const config = loadConfig("demo", {});
    expect(config.STORE).toBe("memory");
    expect(config.ENCRYPTION_KEY).toHaveLength(32);
  });

  it("demo on MongoDB needs a stable key", () => {
    expect(problemsOf(() => loadConfig("demo", { MONGO_URL: base.MONGO_URL }))).toEqual([
      "ENCRYPTION_KEY",
    ]);
  });
});
