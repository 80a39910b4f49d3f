/**
 * A chat for tests: the real bot (createBot + createBotDeps) served by the Bot
 * API bridge, whose recorder sees every outgoing call once; two sandbox
 * Bitrix24 portals (a generated source, an empty target) on 127.0.0.1; memory
 * stores. Jobs and control are injectable: unit tests record jobs, the e2e test
 * passes the real queue and worker. `restart()` builds a new Bot over the same
 * stores and bridge, as a restarted bot process would be.
 */
import { randomBytes } from "node:crypto";
import type { Bot } from "grammy";
import type { Redis } from "ioredis";
import type { Update, User } from "grammy/types";
import { silentLogger, type Logger } from "../../core/logger.js";
import { createMemoryLimiter, policies } from "../../core/ratelimit/index.js";
import type { PortalLimiter } from "../../core/ratelimit/index.js";
import { createSecretBox } from "../../core/security/secret-box.js";
import { createMemoryStores, type Stores } from "../../core/store/index.js";
import { generatePortalData } from "../../sandbox/bitrix24/data/generate.js";
import { startBitrix24Sandbox, type Bitrix24Sandbox } from "../../sandbox/bitrix24/index.js";
import type { LimitsOptions } from "../../sandbox/bitrix24/index.js";
import { createControl, type RequestControl } from "../../worker/control.js";
import type { EnqueueResult, MigrationQueueHandle } from "../../worker/jobs.js";
import { BRIDGE_BOT_INFO, BotApiBridge } from "../../bot/channels/bot-api-bridge.js";
import { ChatTranscript } from "../../bot/channels/transcript.js";
import { createBotDeps } from "../../bot/compose.js";
import type { BotContext } from "../../bot/context.js";
import { createBot } from "../../bot/create-bot.js";
import type { BotDeps } from "../../bot/deps.js";

export interface RecordedJob {
  name: string;
  data: Record<string, unknown>;
}

/** A queue producer that records jobs; a job "runs" until `finish` is called. */
export function recordingJobs(): Pick<MigrationQueueHandle, "enqueue"> & {
  jobs: RecordedJob[];
  finish(): void;
} {
  const jobs: RecordedJob[] = [];
  const pending = new Set<string>();
  return {
    jobs,
    finish: () => pending.clear(),
    async enqueue(name, data): Promise<EnqueueResult> {
      const jobId = `${name}-${String(data.migrationId)}`;
      if (pending.has(jobId)) return { jobId, enqueued: false, existingState: "waiting" };
      pending.add(jobId);
      jobs.push({ name, data: { ...data } });
      return { jobId, enqueued: true };
    },
  };
}

export interface ChatHarnessOptions {
  sourceSize?: number;
  stores?: Stores;
  jobs?: Pick<MigrationQueueHandle, "enqueue">;
  control?: RequestControl;
  limits?: LimitsOptions | false;
  limiter?: PortalLimiter;
  logger?: Logger;
  language?: string;
  pilotSize?: number;
}

export class ChatHarness {
  readonly transcript = new ChatTranscript();
  readonly bridge = new BotApiBridge(this.transcript);
  readonly user: User;
  bot: Bot<BotContext>;

  constructor(
    readonly deps: BotDeps,
    readonly sandbox: Bitrix24Sandbox,
    readonly jobs: Pick<MigrationQueueHandle, "enqueue">,
    language: string,
  ) {
    this.user = { id: 4242, is_bot: false, first_name: "Anna", language_code: language };
    this.bot = this.build();
  }

  private build(): Bot<BotContext> {
    return createBot({
      token: "1:chat-harness",
      deps: this.deps,
      botInfo: BRIDGE_BOT_INFO,
      client: { fetch: this.bridge.fetch },
    });
  }

  /** A new Bot over the same stores and chat, as after a restart of the bot process. */
  restart(): void {
    this.bot = this.build();
  }

  get source() {
    return this.sandbox.portal(0);
  }
  get target() {
    return this.sandbox.portal(1);
  }

  handle(update: Update): Promise<void> {
    return this.bot.handleUpdate(update);
  }
  send(text: string): Promise<void> {
    return this.handle(this.bridge.textUpdate(this.user, this.user.id, text));
  }
  /** Presses the newest button whose label contains `label`. */
  press(label: string): Promise<void> {
    const found = this.transcript.findButton(label);
    if (found === undefined) throw new Error(`no button "${label}" in:\n${this.transcript.text()}`);
    return this.handle(
      this.bridge.callbackUpdate(this.user, this.user.id, found.messageId, found.button.data),
    );
  }
  pressData(messageId: number, data: string): Promise<void> {
    return this.handle(this.bridge.callbackUpdate(this.user, this.user.id, messageId, data));
  }
  upload(filename: string, bytes: Uint8Array): Promise<void> {
    return this.handle(this.bridge.documentUpdate(this.user, this.user.id, filename, bytes));
  }
  /** Event count now: pass to `since` to look only at what comes next. */
  mark(): number {
    return this.transcript.events.length;
  }
  said(since = 0): string {
    return this.transcript.text(since);
  }

  async close(): Promise<void> {
    await this.sandbox.close();
  }
}

export async function startChatHarness(options: ChatHarnessOptions = {}): Promise<ChatHarness> {
  const sandbox = await startBitrix24Sandbox({
    portals: [{ data: generatePortalData({ size: options.sourceSize ?? 60, seed: 11 }) }, {}],
    limits: options.limits ?? false,
  });
  const stores = options.stores ?? createMemoryStores();
  const logger = options.logger ?? silentLogger();
  const jobs = options.jobs ?? recordingJobs();
  const noRedis = { publish: async () => 0 } as unknown as Redis;
  const control =
    options.control ??
    createControl({ stores, redis: noRedis, prefix: "test", queue: jobs }).requestControl;
  const bridgeHolder: { download?: (path: string) => Promise<Uint8Array> } = {};
  const deps = createBotDeps({
    stores,
    channel: "console",
    box: createSecretBox(randomBytes(32)),
    logger,
    limiter:
      options.limiter ??
      createMemoryLimiter({ policy: policies.bitrix24Box({ ratePerSec: 500, burst: 500 }) }),
    allowedHosts: sandbox.portals.map((p) => new URL(p.baseUrl).host),
    lookup: async (host) => {
      if (host.endsWith(".invalid")) throw new Error("ENOTFOUND");
      return [{ address: "93.184.215.14", family: 4 }];
    },
    jobs,
    control,
    downloadFile: (path) => bridgeHolder.download!(path),
    settings: {
      defaultLanguage: "ru",
      workingHours: "Mon-Fri 09:30-18:30",
      timeZone: "Europe/Moscow",
      pilotSize: options.pilotSize ?? 3,
      maxRetryDelaySeconds: 1,
    },
    plan: { quotaPerYear: 1_000_000, promotions: [] },
  });
  const harness = new ChatHarness(deps, sandbox, jobs, options.language ?? "ru");
  bridgeHolder.download = harness.bridge.download;
  return harness;
}
