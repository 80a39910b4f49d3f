/**
 * A stand-in for the migration engine with the same contract (worker/processors/runner.ts):
 * copies `records` fake records of one entity in batches, one limiter token per
 * batch ("request"), checkpoint after every batch, and before writing looks up what
 * a crashed run already wrote (the engine's origin-stamp recovery). The "target" is
 * a Redis hash per migration counting writes per source id, so a test sees any
 * duplicate; each request is logged with its time and process for limit checks.
 *
 * Configured per migration in `options.fake`.
 */
import type { Redis } from "ioredis";
import { z } from "zod";
import { PereezdError } from "../../../core/errors.js";
import { isAbortError, sleep } from "../../../core/http/sleep.js";
import type { PortalLimiter } from "../../../core/ratelimit/index.js";
import type { Stores } from "../../../core/store/index.js";
import type { MigrationReport, ProgressSnapshot } from "../../../worker/jobs.js";
import type { MigrationRunner, RunnerResult } from "../../../worker/processors/runner.js";

export const fakePlanSchema = z.object({
  records: z.number().int().nonnegative(),
  batch: z.number().int().positive().default(10),
  portal: z.string().default("portal-a"),
  /** Time one batch takes, like a CRM round trip. */
  stepMs: z.number().nonnegative().default(0),
  /** Keep going when aborted (a stuck engine), for the shutdown-deadline test. */
  ignoreAbort: z.boolean().default(false),
  /** Throw this error on every attempt before `succeedOnAttempt`. */
  fail: z
    .object({
      kind: z.enum([
        "auth",
        "rate_limited",
        "transient",
        "not_found",
        "conflict",
        "invalid_input",
        "config",
      ]),
      retryAfterMs: z.number().optional(),
      details: z.record(z.string(), z.unknown()).optional(),
      times: z.number().int().positive().default(1_000),
      /** Report a first (empty) progress snapshot before failing, as a run that got going does. */
      afterProgress: z.boolean().default(false),
    })
    .optional(),
});
export type FakePlan = z.input<typeof fakePlanSchema>;

export const ENTITY = "contacts";
export const targetKey = (prefix: string, migrationId: string) =>
  `${prefix}:fake-target:${migrationId}`;
export const requestsKey = (prefix: string, portal: string) => `${prefix}:fake-requests:${portal}`;
export const attemptsKey = (prefix: string, migrationId: string) =>
  `${prefix}:fake-attempts:${migrationId}`;

export interface FakeRunnerDeps {
  redis: Redis;
  stores: Pick<Stores, "checkpoints">;
  limiter?: PortalLimiter;
  prefix: string;
}

export function createFakeRunner(deps: FakeRunnerDeps): MigrationRunner {
  const { redis, prefix } = deps;
  return async (kind, migration, signal, onProgress) => {
    const plan = fakePlanSchema.parse(migration.options.fake);
    const attempt = await redis.incr(attemptsKey(prefix, migration.id));
    if (plan.fail && attempt <= plan.fail.times) {
      const { kind: errorKind, retryAfterMs, details, afterProgress } = plan.fail;
      if (afterProgress) {
        const entities = [{ entity: ENTITY, read: 0, written: 0, failed: 0, skipped: 0, total: 0 }];
        onProgress({ entities, requests: 0, ratePerSec: null, etaSeconds: null });
      }
      throw new PereezdError(errorKind, `fake ${errorKind} failure`, {
        ...(retryAfterMs ? { retryAfterMs } : {}),
        ...(details ? { details } : {}),
      });
    }
    const target = targetKey(prefix, migration.id);
    if (kind === "discover")
      return { outcome: "completed", details: { counts: { [ENTITY]: plan.records } } };
    if (kind === "estimate")
      return { outcome: "completed", details: { requests: Math.ceil(plan.records / plan.batch) } };
    if (kind === "rollback") {
      await redis.del(target);
      return { outcome: "completed" };
    }
    const total = kind === "pilot" ? Math.min(3, plan.records) : plan.records;
    const checkpoint =
      kind === "pilot" ? null : await deps.stores.checkpoints.get(migration.id, ENTITY);
    let next = checkpoint?.cursor ? Number(checkpoint.cursor) : 0;
    let written = checkpoint?.written ?? 0;
    let requests = 0;
    const snapshot = (): ProgressSnapshot => ({
      entities: [{ entity: ENTITY, read: next, written, failed: 0, skipped: 0, total }],
      requests,
      ratePerSec: null,
      etaSeconds: null,
    });
    const report = (): MigrationReport => ({
      ...snapshot(),
      durationMs: 0,
      failuresCsv: null,
      links:
        kind === "pilot"
          ? Array.from({ length: total }, (_, i) => ({
              entity: ENTITY,
              sourceId: `s${i}`,
              url: `https://target.example/crm/contact/details/${i}/`,
            }))
          : [],
    });
    const stopped = (): RunnerResult => ({ outcome: "aborted" });
    try {
      while (next < total) {
        if (signal.aborted && !plan.ignoreAbort) return stopped();
        const ids = Array.from(
          { length: Math.min(plan.batch, total - next) },
          (_, i) => `s${next + i}`,
        );
        await deps.limiter?.acquire(plan.portal, 1, plan.ignoreAbort ? undefined : signal);
        requests++;
        await redis.rpush(
          requestsKey(prefix, plan.portal),
          `${Date.now()}:${process.pid}:${migration.id}`,
        );
        // The request's round trip; a stop here leaves nothing half done.
        if (plan.stepMs > 0) await sleep(plan.stepMs, plan.ignoreAbort ? undefined : signal);
        // Origin lookup: skip what a crashed attempt already created.
        const existing = await redis.hmget(target, ...ids);
        const fresh = ids.filter((_, i) => existing[i] === null);
        if (fresh.length > 0) {
          const tx = redis.multi();
          for (const id of fresh) tx.hincrby(target, id, 1);
          await tx.exec();
        }
        next += ids.length;
        // Found-by-origin records count as written, as the engine's recovery does.
        written += ids.length;
        if (kind !== "pilot") {
          await deps.stores.checkpoints.save({
            migrationId: migration.id,
            entity: ENTITY,
            cursor: String(next),
            read: next,
            written,
            failed: 0,
            skipped: 0,
            total,
            done: next >= total,
          });
        }
        onProgress(snapshot());
      }
    } catch (error) {
      if (signal.aborted && isAbortError(error)) return stopped();
      throw error;
    }
    return { outcome: "completed", report: report() };
  };
}
