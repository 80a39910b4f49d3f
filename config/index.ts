/**
 * `loadConfig(role)` parses the environment once per process and says, in one
 * message, every variable that is wrong or missing for that process.
 */
import { randomBytes } from "node:crypto";
import { envSchema, type Env } from "./env.js";

export { envSchema, type Env, type PromotionWindow } from "./env.js";

/** Which process is starting: each needs a different subset of the variables. */
export type ProcessRole = "bot" | "worker" | "demo";

export type Config = Omit<Env, "ENCRYPTION_KEY"> & {
  role: ProcessRole;
  ENCRYPTION_KEY: Buffer;
};

/** Thrown when the environment is unusable; `message` lists every bad variable. */
export class ConfigError extends Error {
  constructor(readonly problems: ReadonlyArray<{ variable: string; problem: string }>) {
    super(
      "Pereezd cannot start: the environment is not valid.\n" +
        problems.map((p) => `  - ${p.variable}: ${p.problem}`).join("\n") +
        "\nSee .env.example and the README's environment table.",
    );
    this.name = "ConfigError";
  }
}

/** Treat `VAR=` (empty, as docker compose passes unset `${VAR:-}`) as unset. */
function withoutEmpty(env: NodeJS.ProcessEnv): Record<string, string> {
  const result: Record<string, string> = {};
  for (const [key, value] of Object.entries(env)) {
    if (value !== undefined && value.trim() !== "") result[key] = value;
  }
  return result;
}

function requirementsFor(
  role: ProcessRole,
  env: Env,
): Array<{ variable: string; problem: string }> {
  const missing: Array<{ variable: string; problem: string }> = [];
  const need = (variable: keyof Env, problem: string) => {
    if (env[variable] === undefined) missing.push({ variable, problem });
  };
  if (role === "demo") return missing;
  need("REDIS_URL", "required: the Redis that carries the job queues, e.g. redis://127.0.0.1:6379");
  need(
    "ENCRYPTION_KEY",
    "required: 32 bytes as 64 hex characters (openssl rand -hex 32); it encrypts stored CRM credentials",
  );
  if (env.STORE === "mongo") {
    need("MONGO_URL", "required when STORE=mongo: e.g. mongodb://127.0.0.1:27017");
  }
  if (role === "bot") {
    need("TELEGRAM_BOT_TOKEN", "required: the bot token from @BotFather");
    if (env.TELEGRAM_MODE === "webhook") {
      need(
        "PUBLIC_URL",
        "required when TELEGRAM_MODE=webhook: the public https URL Telegram calls",
      );
      need(
        "TELEGRAM_WEBHOOK_SECRET",
        "required when TELEGRAM_MODE=webhook: a random secret of 16+ characters",
      );
    }
  }
  return missing;
}

/**
 * Parses `env` for `role`. The demo needs nothing: it uses the memory store unless
 * MONGO_URL is set, and a random per-process encryption key when none is given.
 */
export function loadConfig(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): Config {
  const raw = withoutEmpty(env);
  if (role === "demo" && raw.STORE === undefined) raw.STORE = raw.MONGO_URL ? "mongo" : "memory";
  const parsed = envSchema.safeParse(raw);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((issue) => ({
        variable: issue.path.map(String).join(".") || "(environment)",
        problem: issue.message,
      })),
    );
  }
  const problems = requirementsFor(role, parsed.data);
  if (problems.length > 0) throw new ConfigError(problems);
  const key = parsed.data.ENCRYPTION_KEY ?? randomBytes(32);
  if (
    role === "demo" &&
    parsed.data.ENCRYPTION_KEY === undefined &&
    parsed.data.STORE === "mongo"
  ) {
    throw new ConfigError([
      {
        variable: "ENCRYPTION_KEY",
        problem:
          "required when the demo uses MongoDB, or stored credentials cannot be read after a restart",
      },
    ]);
  }
  return { ...parsed.data, role, ENCRYPTION_KEY: key };
}

/** For entry points: parse or print the problem and exit non-zero. */
export function loadConfigOrExit(role: ProcessRole, env: NodeJS.ProcessEnv = process.env): Config {
  try {
    return loadConfig(role, env);
  } catch (error) {
    if (error instanceof ConfigError) {
      process.stderr.write(`${error.message}\n`);
      process.exit(78); // EX_CONFIG
    }
    throw error;
  }
}
