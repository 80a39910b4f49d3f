/**
 * The worker's side of chat notifications: events to the `notifications` queue,
 * progress throttled per migration.
 *
 * Why throttle here as well as in the bot: the engine reports progress after every
 * batch (several times a second); sending each would flood Redis and the bot for
 * edits the bot would drop anyway. At most one snapshot per `progressIntervalMs`
 * per migration leaves the queue, the latest one wins, and the last is never lost
 * (a trailing timer sends it).
 */
import type { Logger } from "../core/logger.js";
import type { Migration } from "../core/store/index.js";
import {
  NOTIFICATION_JOB_OPTIONS,
  notificationEventSchema,
  type NotificationEvent,
  type NotificationOf,
  type NotificationQueue,
  type ProgressSnapshot,
} from "./jobs.js";

type DistributiveOmit<T, K extends PropertyKey> = T extends unknown ? Omit<T, K> : never;
/** An event without the fields the emitter fills in. */
export type EventBody = DistributiveOmit<NotificationEvent, "migrationId" | "chat" | "at">;
type Stage = NotificationOf<"progress">["stage"];
type Target = Pick<Migration, "id" | "chat">;

export interface NotificationEmitterDeps {
  queue: Pick<NotificationQueue, "add">;
  logger: Pick<Logger, "warn" | "error">;
  now?: () => number;
  /** Minimum time between two progress snapshots of one migration; default 3 s. */
  progressIntervalMs?: number;
  /** Runs `fn` after `ms` and returns a cancel function; injected in tests. */
  schedule?: (ms: number, fn: () => void) => () => void;
}

export interface NotificationEmitter {
  /** Sends one event now (after the ones before it); never throws, failures are logged. */
  emit(migration: Target, body: EventBody): Promise<void>;
  /** Offers a snapshot; sent now, later (latest wins) or dropped for a newer one. */
  progress(migration: Target, stage: Stage, snapshot: ProgressSnapshot): void;
  /** The last snapshot of a run, with its end state: replaces any pending one, sent now. */
  finalProgress(
    migration: Target,
    stage: Stage,
    state: NotificationOf<"progress">["state"],
    snapshot: ProgressSnapshot,
  ): Promise<void>;
  /**
   * The run failed for good: the last snapshot this process saw is sent again as
   * `stopped`, so the progress message loses its Pause/Cancel buttons. Nothing is
   * sent when this process saw no progress of the migration.
   */
  stopProgress(migration: Target): Promise<void>;
  /** Waits for everything sent so far; drops pending snapshots and timers. */
  close(): Promise<void>;
}

const defaultSchedule = (ms: number, fn: () => void) => {
  const timer = setTimeout(fn, ms);
  timer.unref();
  return () => clearTimeout(timer);
};

interface Throttle {
  lastAt: number | null;
  pending?: { stage: Stage; snapshot: ProgressSnapshot };
  cancel?: () => void;
}

/** The newest snapshot offered per migration (sent or not), for `stopProgress`. */
type LastSeen = Map<string, { stage: Stage; snapshot: ProgressSnapshot }>;

export function createNotificationEmitter(deps: NotificationEmitterDeps): NotificationEmitter {
  const now = deps.now ?? Date.now;
  const interval = deps.progressIntervalMs ?? 3_000;
  const schedule = deps.schedule ?? defaultSchedule;
  const throttles = new Map<string, Throttle>();
  const lastSeen: LastSeen = new Map();
  // One chain: events leave in the order they were emitted (FIFO in the queue).
  let chain: Promise<void> = Promise.resolve();

  const emit = (migration: Target, body: EventBody): Promise<void> => {
    const parsed = notificationEventSchema.safeParse({
      ...body,
      migrationId: migration.id,
      chat: migration.chat,
      at: now(),
    });
    if (!parsed.success) {
      deps.logger.error(
        { migrationId: migration.id, type: body.type, issues: parsed.error.issues },
        "dropped an invalid notification",
      );
      return chain;
    }
    const event = parsed.data;
    chain = chain.then(async () => {
      try {
        await deps.queue.add(event.type, event, NOTIFICATION_JOB_OPTIONS);
      } catch (error) {
        deps.logger.warn(
          { err: error, migrationId: event.migrationId, type: event.type },
          "notification not queued",
        );
      }
    });
    return chain;
  };

  const finalProgress: NotificationEmitter["finalProgress"] = async (
    migration,
    stage,
    state,
    snapshot,
  ) => {
    const t = throttles.get(migration.id);
    t?.cancel?.();
    throttles.delete(migration.id);
    lastSeen.delete(migration.id);
    await emit(migration, { type: "progress", stage, state, snapshot });
  };

  const sendProgress = (m: Target, stage: Stage, snapshot: ProgressSnapshot) =>
    emit(m, { type: "progress", stage, state: "running", snapshot });

  const flush = (m: Target) => {
    const t = throttles.get(m.id);
    if (t === undefined) return;
    t.cancel = undefined;
    if (t.pending === undefined) return;
    const { stage, snapshot } = t.pending;
    t.pending = undefined;
    t.lastAt = now();
    void sendProgress(m, stage, snapshot);
  };

  return {
    emit,
    progress(migration, stage, snapshot) {
      lastSeen.set(migration.id, { stage, snapshot });
      let t = throttles.get(migration.id);
      if (t === undefined) throttles.set(migration.id, (t = { lastAt: null }));
      const at = now();
      if (t.cancel === undefined && (t.lastAt === null || at - t.lastAt >= interval)) {
        t.lastAt = at;
        void sendProgress(migration, stage, snapshot);
        return;
      }
      t.pending = { stage, snapshot };
      if (t.cancel === undefined) {
        const wait = interval - (at - (t.lastAt ?? at));
        t.cancel = schedule(Math.max(0, wait), () => flush(migration));
      }
    },
    finalProgress,
    async stopProgress(migration) {
      const last = lastSeen.get(migration.id);
      if (last === undefined) return;
      await finalProgress(migration, last.stage, "stopped", last.snapshot);
    },
    async close() {
      for (const t of throttles.values()) t.cancel?.();
      throttles.clear();
      await chain;
    },
  };
}
