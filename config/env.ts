/**
 * The one schema of every environment variable Pereezd reads (DESIGN.md §2 "config").
 * Parsed once per process by `loadConfig`; a bad or missing value stops the process
 * with one message that names every bad variable (see `ConfigError`).
 */
import { z } from "zod";

const booleanFlag = z
  .enum(["true", "false", "1", "0", "yes", "no"], {
    error: "expected true or false",
  })
  .transform((v) => v === "true" || v === "1" || v === "yes");

const commaList = z.string().transform((v) =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter((s) => s.length > 0),
);

/** AES-256-GCM key: 32 bytes, given as 64 hex characters or base64. */
const encryptionKey = z.string().transform((value, ctx) => {
  const trimmed = value.trim();
  const bytes = /^[0-9a-fA-F]{64}$/.test(trimmed)
    ? Buffer.from(trimmed, "hex")
    : Buffer.from(trimmed, "base64");
  if (bytes.length !== 32) {
    ctx.addIssue({
      code: "custom",
      message:
        "expected 32 random bytes as 64 hex characters or base64 (generate one with: openssl rand -hex 32)",
    });
    return z.NEVER;
  }
  return bytes;
});

/** `Mon-Fri 09:30-18:30`: the days and hours a human answers support questions. */
export const workingHoursPattern =
  /^(Mon|Tue|Wed|Thu|Fri|Sat|Sun)-(Mon|Tue|Wed|Thu|Fri|Sat|Sun) ([01]\d|2[0-3]):([0-5]\d)-([01]\d|2[0-3]):([0-5]\d)$/;

const timeZone = z.string().refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat("en", { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: "expected an IANA time zone such as Europe/Moscow" },
);

const promotionWindow = z.object({
  name: z.string().min(1),
  from: z.iso.date(),
  to: z.iso.date(),
  unmetered: z.boolean().default(true),
});
export type PromotionWindow = z.infer<typeof promotionWindow>;

/** JSON list of promotion windows, e.g. `[{"name":"december","from":"2026-12-01","to":"2026-12-31"}]`. */
const promotionWindows = z.string().transform((raw, ctx) => {
  let parsed: unknown;
  try {
    parsed = JSON.parse(raw);
  } catch {
    ctx.addIssue({
      code: "custom",
      message: 'expected JSON like [{"name":"december","from":"2026-12-01","to":"2026-12-31"}]',
    });
    return z.NEVER;
  }
  const result = z.array(promotionWindow).safeParse(parsed);
  if (!result.success) {
    ctx.addIssue({
      code: "custom",
      message: `expected a list of {name, from, to, unmetered}: ${z.prettifyError(result.error)}`,
    });
    return z.NEVER;
  }
  return result.data;
});

const port = z.coerce.number().int().min(0).max(65535);

/** Every variable, with defaults where a safe one exists. Requirements per process are in `config/index.ts`. */
export const envSchema = z.object({
  TELEGRAM_BOT_TOKEN: z
    .string()
    .regex(/^\d+:[A-Za-z0-9_-]{30,}$/, "expected a token from @BotFather like 123456:ABC-DEF...")
    .optional(),
  TELEGRAM_MODE: z.enum(["polling", "webhook"]).default("polling"),
  TELEGRAM_API_ROOT: z
    .url({ message: "expected an http(s) URL without a trailing slash" })
    .refine((v) => !v.endsWith("/"), "expected no trailing slash")
    .default("https://api.telegram.org"),
  PUBLIC_URL: z
    .url({ message: "expected the public https URL of the bot, e.g. https://pereezd.example.com" })
    .optional(),
  TELEGRAM_WEBHOOK_SECRET: z
    .string()
    .regex(/^[A-Za-z0-9_-]{16,256}$/, "expected 16-256 characters A-Z, a-z, 0-9, _ or -")
    .optional(),
  HTTP_HOST: z.string().min(1).default("0.0.0.0"),
  BOT_HTTP_PORT: port.default(8080),
  WORKER_HTTP_PORT: port.default(8081),
  REDIS_URL: z
    .url({ message: "expected redis://host:port" })
    .refine((v) => /^rediss?:\/\//.test(v), "expected redis:// or rediss://")
    .optional(),
  QUEUE_PREFIX: z
    .string()
    .regex(/^[a-z0-9_-]+$/i, "expected letters, digits, _ or -")
    .default("pereezd"),
  STORE: z.enum(["mongo", "memory"]).default("mongo"),
  MONGO_URL: z
    .string()
    .regex(/^mongodb(\+srv)?:\/\//, "expected mongodb://host:port")
    .optional(),
  MONGO_DB: z.string().min(1).default("pereezd"),
  ENCRYPTION_KEY: encryptionKey.optional(),
  SUPPORT_CHAT_ID: z
    .string()
    .regex(/^-?\d+$/, "expected a numeric Telegram chat id")
    .optional(),
  WORKING_HOURS: z
    .string()
    .regex(workingHoursPattern, "expected e.g. Mon-Fri 09:30-18:30")
    .default("Mon-Fri 09:30-18:30"),
  TIME_ZONE: timeZone.default("Europe/Moscow"),
  PLAN_QUOTA_CALLS: z.coerce.number().int().positive().default(1_000_000),
  PROMOTION_WINDOWS: promotionWindows.default([]),
  ALLOWED_PRIVATE_HOSTS: commaList.default([]),
  LOG_LEVEL: z.enum(["fatal", "error", "warn", "info", "debug", "trace", "silent"]).default("info"),
  WHATSAPP_ENABLED: booleanFlag.default(false),
  WHATSAPP_BROWSER_PATH: z.string().min(1).default("/usr/bin/chromium"),
  WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(64).default(4),
  SHUTDOWN_TIMEOUT_MS: z.coerce.number().int().min(1000).default(25_000),
  DEFAULT_LANGUAGE: z.enum(["ru", "en"]).default("ru"),
});

export type Env = z.infer<typeof envSchema>;
