/**
 * The jobs this process is running, by migration, each with its AbortController,
 * and the listener that stops them when the user pauses or cancels from any process.
 *
 * Two paths, so a stop arrives "within a second or two" even if one is lost: the
 * Redis channel of `control.ts` (instant, but pub/sub is fire-and-forget: a message
 * sent while the subscriber reconnects is gone) and a poll of the store's `control`
 * field every `pollMs` (the source of truth).
 */
import type { Redis } from "ioredis";
import type { Logger } from "../core/logger.js";
import type { Stores } from "../core/store/index.js";
import { controlChannel, controlMessageSchema } from "./control.js";

/** Why a running job was asked to stop. */
export type StopReason = "pause" | "cancel" | "shutdown";

/** The abort reason of a stopped job; named AbortError so `isAbortError` matches it. */
export class StopRequested extends Error {
  constructor(readonly reason: StopReason) {
    super(`migration job stopped: ${reason}`);
    this.name = "AbortError";
  }
}

export interface RunningJob {
  readonly signal: AbortSignal;
  /** Why it was aborted; undefined while it runs. */
  stopReason(): StopReason | undefined;
  /** Unregisters; call when the job ends, whatever the outcome. */
  done(): void;
}

export interface RunningJobs {
  /**
   * Registers a job of `migrationId`; `parent` (BullMQ's own signal) aborts it too.
   * Only `controllable` jobs (run, delta) obey pause/cancel; every job obeys shutdown.
   */
  start(
    migrationId: string,
    parent?: AbortSignal,
    options?: { controllable?: boolean },
  ): RunningJob;
  /** Stops every job of one migration (used by the listener; exposed for tests). */
  stop(migrationId: string, reason: StopReason): number;
  /** Stops every job, e.g. on SIGTERM. */
  stopAll(reason: StopReason): number;
  count(): number;
  /** Unsubscribes and stops polling. */
  close(): Promise<void>;
}

export interface RunningJobsDeps {
  stores: Pick<Stores, "migrations">;
  /** A dedicated subscriber connection (it can do nothing else); omit to rely on polling. */
  subscriber?: Redis;
  prefix: string;
  /** Store poll interval; default 1 s. */
  pollMs?: number;
  logger: Pick<Logger, "warn" | "debug">;
}

/** The registry plus its control listener; resolves once subscribed. */
export async function createRunningJobs(deps: RunningJobsDeps): Promise<RunningJobs> {
  const byMigration = new Map<
    string,
    Set<{ controller: AbortController; controllable: boolean }>
  >();
  const channel = controlChannel(deps.prefix);

  const stop = (migrationId: string, reason: StopReason): number => {
    const entries = byMigration.get(migrationId);
    if (entries === undefined) return 0;
    let stopped = 0;
    for (const { controller, controllable } of entries) {
      if (!controller.signal.aborted && (controllable || reason === "shutdown")) {
        controller.abort(new StopRequested(reason));
        stopped++;
      }
    }
    return stopped;
  };

  const check = async (migrationId: string) => {
    const migration = await deps.stores.migrations.getById(migrationId);
    if (migration === null) return;
    if (migration.control === "pause" || migration.control === "cancel")
      stop(migrationId, migration.control);
  };

  let polling = false;
  const poll = async () => {
    if (polling) return;
    polling = true;
    try {
      await Promise.all([...byMigration.keys()].map(check));
    } catch (error) {
      deps.logger.warn({ err: error }, "control poll failed; will retry");
    } finally {
      polling = false;
    }
  };
  const timer = setInterval(() => void poll(), deps.pollMs ?? 1_000);
  timer.unref();

  const onMessage = (from: string, text: string) => {
    if (from !== channel) return;
    let raw: unknown;
    try {
      raw = JSON.parse(text);
    } catch {
      raw = undefined;
    }
    const parsed = controlMessageSchema.safeParse(raw);
    if (!parsed.success) {
      deps.logger.warn({ channel }, "ignored a malformed control message");
      return;
    }
    const { migrationId, control } = parsed.data;
    if (control !== "run") stop(migrationId, control);
  };
  if (deps.subscriber !== undefined) {
    deps.subscriber.on("message", onMessage);
    await deps.subscriber.subscribe(channel);
  }

  return {
    start(migrationId, parent, options = {}) {
      const controller = new AbortController();
      const entry = { controller, controllable: options.controllable ?? true };
      const onParentAbort = () => controller.abort(new StopRequested("shutdown"));
      if (parent?.aborted) onParentAbort();
      parent?.addEventListener("abort", onParentAbort, { once: true });
      let set = byMigration.get(migrationId);
      if (set === undefined) byMigration.set(migrationId, (set = new Set()));
      set.add(entry);
      // A request published just before we registered is caught here, not a poll later.
      if (entry.controllable) check(migrationId).catch(() => undefined);
      return {
        signal: controller.signal,
        stopReason: () => {
          const reason: unknown = controller.signal.reason;
          return reason instanceof StopRequested
            ? reason.reason
            : controller.signal.aborted
              ? "shutdown"
              : undefined;
        },
        done() {
          parent?.removeEventListener("abort", onParentAbort);
          set.delete(entry);
          if (set.size === 0) byMigration.delete(migrationId);
        },
      };
    },
    stop,
    stopAll(reason) {
      let stopped = 0;
      for (const id of byMigration.keys()) stopped += stop(id, reason);
      return stopped;
    },
    count: () => [...byMigration.values()].reduce((n, s) => n + s.size, 0),
    async close() {
      clearInterval(timer);
      if (deps.subscriber !== undefined) {
        deps.subscriber.off("message", onMessage);
        await deps.subscriber.unsubscribe(channel).catch(() => undefined);
      }
    },
  };
}
