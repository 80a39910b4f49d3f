/**
 * The only HTTP caller of the Bitrix24 connector: one method (`call`) or up to 50
 * commands in one request (`batch`). Every request goes through core/http (limiter,
 * timeout, metering, classification, the one retry policy), refreshes an expired
 * OAuth token once, and feeds each answer's operating time back to the limiter.
 *
 * https://apidocs.bitrix24.com/settings/how-to-call-rest-api/batch.html,
 * https://apidocs.bitrix24.com/limits.html
 */
import { invalidInput, isPereezdError, transientError, type PereezdError } from "../../errors.js";
import type { HttpClient, HttpRequest } from "../../http/request.js";
import type { RetryPolicyOptions } from "../../http/retry-policy.js";
import { Secret } from "../../http/secret.js";
import type { CallKind } from "../../metering/call-usage.js";
import type { PortalLimiter } from "../../ratelimit/portal-limiter.js";
import type { PortalEndpoint } from "./config.js";
import { bitrixError, REFRESH_CODES } from "./errors.js";
import type { TokenKeeper } from "./oauth.js";
import { batchCommand, type PhpValue } from "./php-query.js";
import { batchResultSchema, envelopeSchema, type Envelope, type WireTime } from "./wire.js";

/** Commands one `batch` may carry. */
export const BATCH_LIMIT = 50;

export interface CallOptions {
  /** How the meter books the request. */
  kind: CallKind;
  signal: AbortSignal;
  /** Whether repeating the request is harmless; true unless it creates something. */
  idempotent?: boolean;
  /** Halt the batch at the first failing command. */
  halt?: boolean;
}

export interface Command {
  key: string;
  method: string;
  params: Readonly<Record<string, PhpValue>>;
}

export type CommandOutcome =
  | { ok: true; result: unknown; total: number | undefined; next: number | undefined }
  | { ok: false; error: PereezdError };

export interface Bitrix24Client {
  readonly host: string;
  /** Options of the one retry policy, for loops that repeat batch commands. */
  readonly retry: RetryPolicyOptions;
  call(
    method: string,
    params: Readonly<Record<string, unknown>>,
    options: CallOptions,
  ): Promise<Envelope>;
  /** Commands keyed as given; a failing command is an outcome, never a thrown batch. */
  batch(commands: readonly Command[], options: CallOptions): Promise<Map<string, CommandOutcome>>;
  /**
   * Methods the limiter holds back now for the operating limit, with the ms until each
   * is free; lets a write pick an equivalent method that is not blocked.
   */
  blockedMethods(): Promise<Readonly<Record<string, number>>>;
}

export interface ClientDeps {
  http: HttpClient;
  endpoint: PortalEndpoint;
  limiter: PortalLimiter;
  /** Resolves once the portal's URLs passed the URL guard; runs before the first request. */
  ready: () => Promise<void>;
  /** OAuth connections only. */
  tokens?: TokenKeeper;
  /** Operating-limit bookkeeping shared with the classifier. */
  operating: OperatingBook;
  timeoutMs: number;
  now: () => number;
  retry?: RetryPolicyOptions;
}

/** Last `operating_reset_at` seen per method, to know how long a 429 lasts. */
export interface OperatingBook {
  resetAt: Map<string, number>;
}

function operatingOf(
  time: WireTime | unknown[] | undefined,
): { operating: number; operatingResetAt: number } | null {
  if (time === undefined || Array.isArray(time) || time.operating === undefined) return null;
  const raw = time.operating_reset_at;
  const resetAt = typeof raw === "string" ? Date.parse(raw) / 1000 : raw;
  if (resetAt === undefined || !Number.isFinite(resetAt)) return null;
  return { operating: time.operating, operatingResetAt: resetAt };
}

export function createBitrix24Client(deps: ClientDeps): Bitrix24Client {
  const { endpoint, limiter, operating } = deps;
  const host = endpoint.host;

  async function observe(method: string, time: WireTime | unknown[] | undefined): Promise<void> {
    const usage = operatingOf(time);
    if (usage === null) return;
    operating.resetAt.set(method, usage.operatingResetAt);
    await limiter.observeOperating(host, method, usage);
  }

  /**
   * One reading per method of a batch, its highest: the limiter sizes its margin by
   * the increase between readings, which must be a whole request's, not one command's.
   */
  async function observeBatch(
    commands: readonly Command[],
    times: Readonly<Record<string, WireTime | unknown[]>>,
  ): Promise<void> {
    const highest = new Map<string, WireTime>();
    for (const command of commands) {
      const time = times[command.key];
      if (time === undefined || Array.isArray(time) || time.operating === undefined) continue;
      const method = command.method.toLowerCase();
      const seen = highest.get(method)?.operating;
      if (seen === undefined || time.operating > seen) highest.set(method, time);
    }
    for (const [method, time] of highest) await observe(method, time);
  }

  function request(
    method: string,
    json: Record<string, unknown>,
    options: CallOptions,
    commands: number,
    methods: string[],
  ): HttpRequest {
    return {
      method: "POST",
      url: new Secret(`${endpoint.base.reveal()}${method}`),
      json,
      timeoutMs: deps.timeoutMs,
      signal: options.signal,
      limiterKey: host,
      methods,
      usage: { kind: options.kind, commands },
      idempotent: options.idempotent ?? true,
    };
  }

  /** Sends, refreshing an expired OAuth token once (shared with concurrent calls) and retrying. */
  async function send(build: (auth: Record<string, string>) => HttpRequest): Promise<unknown> {
    await deps.ready();
    const stale = deps.tokens?.current().accessToken;
    const auth = (token: Secret | undefined): Record<string, string> =>
      token === undefined ? {} : { auth: token.reveal() };
    try {
      return (await deps.http.request(build(auth(stale)))).body;
    } catch (error) {
      if (deps.tokens === undefined || stale === undefined) throw error;
      if (!isPereezdError(error, "auth") || !REFRESH_CODES.has(error.code ?? "")) throw error;
      const fresh = await deps.tokens.refresh(stale);
      return (await deps.http.request(build(auth(fresh.accessToken)))).body;
    }
  }

  function envelope(body: unknown, method: string): Envelope {
    const parsed = envelopeSchema.safeParse(body);
    if (!parsed.success) {
      throw transientError(`Bitrix24 portal ${host} sent an unexpected answer to ${method}`, {
        code: "unexpected_answer",
        details: { host, method },
      });
    }
    return parsed.data;
  }

  return {
    host,
    retry: deps.retry ?? {},

    async blockedMethods() {
      return (await limiter.stats(host)).blockedMethods;
    },

    async call(method, params, options) {
      const name = method.toLowerCase();
      const body = await send((auth) => request(name, { ...params, ...auth }, options, 1, [name]));
      const answer = envelope(body, name);
      await observe(name, answer.time);
      return answer;
    },

    async batch(commands, options) {
      if (commands.length === 0) return new Map();
      if (commands.length > BATCH_LIMIT) {
        throw invalidInput(
          `A Bitrix24 batch carries at most ${BATCH_LIMIT} commands, got ${commands.length}`,
          {
            code: "batch_too_large",
          },
        );
      }
      const cmd = Object.fromEntries(
        commands.map((c) => [c.key, batchCommand(c.method.toLowerCase(), c.params)]),
      );
      const methods = [...new Set(commands.map((c) => c.method.toLowerCase()))];
      const json = { halt: options.halt === true ? 1 : 0, cmd };
      const body = await send((auth) =>
        request("batch", { ...json, ...auth }, options, commands.length, methods),
      );
      const parsed = batchResultSchema.safeParse(envelope(body, "batch").result);
      if (!parsed.success) {
        throw transientError(`Bitrix24 portal ${host} sent an unexpected batch answer`, {
          code: "unexpected_answer",
          details: { host, method: "batch" },
        });
      }
      const answer = parsed.data;
      await observeBatch(commands, answer.result_time);
      const outcomes = new Map<string, CommandOutcome>();
      for (const command of commands) {
        const method = command.method.toLowerCase();
        const failure = answer.result_error[command.key];
        if (failure !== undefined) {
          const operatingBlock = failure.error === "OPERATION_TIME_LIMIT";
          const retryAfterMs = operatingBlock
            ? operatingWaitMs(operating, method, deps.now())
            : undefined;
          const error = bitrixError({
            code: failure.error,
            description: failure.error_description,
            status: 200,
            host,
            method,
            inBatch: true,
            ...(retryAfterMs === undefined ? {} : { retryAfterMs }),
          });
          if (operatingBlock && retryAfterMs !== undefined) {
            await limiter.penalizeMethod(host, method, { retryAfterMs });
          }
          outcomes.set(command.key, { ok: false, error });
        } else if (command.key in answer.result) {
          outcomes.set(command.key, {
            ok: true,
            result: answer.result[command.key],
            total: answer.result_total[command.key],
            next: answer.result_next[command.key],
          });
        } else {
          const error = transientError(
            `Bitrix24 portal ${host} did not run ${method} (batch halted)`,
            {
              code: "not_executed",
              details: { host, apiMethod: method },
            },
          );
          outcomes.set(command.key, { ok: false, error });
        }
      }
      return outcomes;
    },
  };
}

/** Default wait after a 429 when no reset time was seen (the JS SDK waits at least 10 s). */
export const DEFAULT_OPERATING_WAIT_MS = 10_000;

/** How long `method` stays blocked: until its last `operating_reset_at` + 1 s. */
export function operatingWaitMs(book: OperatingBook, method: string, nowMs: number): number {
  const resetAt = book.resetAt.get(method);
  if (resetAt === undefined) return DEFAULT_OPERATING_WAIT_MS;
  return Math.max(1_000, resetAt * 1000 + 1_000 - nowMs);
}
