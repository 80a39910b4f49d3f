/**
 * Structured JSON logging (pino) with secrets redacted by construction.
 *
 * Why pino: fast, JSON lines that log shippers read as they are, child loggers
 * for per-migration context, and hooks where we plug redaction in once for all
 * call sites. Every object logged passes through `redactObject` and every
 * message through `redactText`, so a webhook URL or token that slips into a log
 * call, an error message or a stack is masked, not printed.
 */
import { pino, type Logger as PinoLogger } from "pino";
import { redactObject, redactText } from "./http/redact.js";

export type Logger = PinoLogger;
export type LogLevel = "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";

export interface LoggerOptions {
  level?: LogLevel;
  /** Process name: bot, worker, demo, cli. */
  name?: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to read them back. */
  destination?: NodeJS.WritableStream;
}

function serializeError(error: unknown): unknown {
  if (!(error instanceof Error)) return redactObject(error);
  const plain: Record<string, unknown> = {
    type: error.name,
    message: redactText(error.message),
    stack: error.stack === undefined ? undefined : redactText(error.stack),
  };
  for (const key of ["kind", "code", "retryAfterMs", "details"] as const) {
    const value = (error as unknown as Record<string, unknown>)[key];
    if (value !== undefined) plain[key] = redactObject(value);
  }
  if (error.cause !== undefined) plain.cause = serializeError(error.cause);
  return plain;
}

export function createLogger(options: LoggerOptions = {}): Logger {
  return pino(
    {
      level: options.level ?? "info",
      name: options.name,
      base: { pid: process.pid },
      serializers: { err: serializeError, error: serializeError },
      formatters: {
        log: (object) => redactObject(object) as Record<string, unknown>,
      },
      hooks: {
        // Messages are redacted too: `log.info("calling %s", url)` must not leak.
        logMethod(args, method) {
          const redacted = args.map((arg) => (typeof arg === "string" ? redactText(arg) : arg));
          method.apply(this, redacted as Parameters<typeof method>);
        },
      },
    },
    options.destination ?? process.stdout,
  );
}

/** A logger that drops everything, for tests and library defaults. */
export function silentLogger(): Logger {
  return pino({ level: "silent" });
}
