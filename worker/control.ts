/**
 * Pause, resume and cancel a migration from any process (the bot's buttons).
 *
 * There is no cross-process "cancel this running job" in open-source BullMQ
 * (libraries.md §4), so the wish is written to the store (`control`, the source of
 * truth the worker also polls) and announced on a Redis channel, which every worker
 * subscribes to and answers by aborting that migration's running job within a
 * moment. The caller checks that the chat owns the migration (DESIGN.md §6).
 */
import type { Redis } from "ioredis";
import { z } from "zod";
import { sleep as realSleep, type Sleep } from "../core/http/sleep.js";
import {
  idSchema,
  migrationControlSchema,
  type Migration,
  type MigrationControl,
  type Stores,
} from "../core/store/index.js";
import type { MigrationQueueHandle } from "./jobs.js";

/** The pub/sub channel of control requests under a queue prefix. */
export const controlChannel = (prefix: string): string => `${prefix}:migration-control`;

export const controlMessageSchema = z.object({
  migrationId: idSchema,
  control: migrationControlSchema,
});
export type ControlMessage = z.infer<typeof controlMessageSchema>;

export interface ControlDeps {
  stores: Pick<Stores, "migrations">;
  /** A producer connection (publish only). */
  redis: Redis;
  prefix: string;
  /** The migrations queue (producer), to re-enqueue a resumed run. */
  queue: Pick<MigrationQueueHandle, "enqueue">;
  sleep?: Sleep;
}

export interface ControlOptions {
  /** The step a resume re-enqueues; default `run`. */
  step?: "run" | "delta";
}

export type RequestControl = (
  migrationId: string,
  control: MigrationControl,
  options?: ControlOptions,
) => Promise<Migration>;

/** Statuses with a job that is (or is about to be) running: it gets the request. */
const ACTIVE = ["running", "pausing", "cancelling"] as const;

/**
 * `requestControl(id, "pause" | "cancel" | "run")`:
 * - pause: a running job stops at its next checkpoint, status `paused`;
 * - run (resume): a paused migration is queued again and resumes from its checkpoint;
 * - cancel: a running job stops, the migration ends `cancelled` with a report; a
 *   paused or failed one is finished the same way by a short job.
 * Returns the migration as it stands after the request.
 */
export function createControl(deps: ControlDeps): { requestControl: RequestControl } {
  const sleep = deps.sleep ?? realSleep;
  const migrations = deps.stores.migrations;

  const publish = async (message: ControlMessage) => {
    await deps.redis.publish(controlChannel(deps.prefix), JSON.stringify(message));
  };

  /** Enqueues `step`, waiting out a job that is just finishing (its id would swallow ours). */
  async function ensureJob(id: string, step: "run" | "delta"): Promise<void> {
    for (let tries = 0; tries < 30; tries++) {
      const result = await deps.queue.enqueue(step, { migrationId: id });
      if (result.enqueued || result.existingState !== "active") return;
      const current = await migrations.getById(id);
      // The active job saw the new control itself and carries on.
      if (current?.status === "running") return;
      await sleep(100);
    }
  }

  async function requestControl(
    id: string,
    control: MigrationControl,
    options: ControlOptions = {},
  ) {
    let migration = await migrations.setControl(id, control);
    const step = options.step ?? "run";
    if (control === "pause") {
      migration =
        (await migrations.transition(id, ["running"], "pausing")) ??
        (await migrations.transition(id, ["queued"], "paused")) ??
        migration;
    } else if (control === "cancel") {
      const stopping = await migrations.transition(id, ACTIVE, "cancelling");
      if (stopping !== null) migration = stopping;
      else if (["paused", "failed"].includes(migration.status)) await ensureJob(id, step);
      else if (["draft", "discovered", "pilot_done"].includes(migration.status)) {
        migration =
          (await migrations.transition(id, ["draft", "discovered", "pilot_done"], "cancelled")) ??
          migration;
      }
    } else {
      const queued = await migrations.transition(id, ["paused", "pausing", "failed"], "queued");
      if (queued !== null) {
        migration = queued;
        await ensureJob(id, step);
      }
    }
    await publish({ migrationId: id, control });
    return (await migrations.getById(id)) ?? migration;
  }

  return { requestControl };
}
