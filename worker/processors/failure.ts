/**
 * What a failed job attempt does to its migration and the chat, before BullMQ is told
 * (via to-bullmq-error) whether to wait, retry or give up.
 *
 * The user hears about a failure only when it needs them or is final: a revoked
 * credential or a field the target refuses pauses the migration (they fix it and
 * resume); a fatal error, or a transient one on the last attempt, fails it. A
 * retried transient error or a rate-limit wait is silent.
 */
import { isPereezdError, type ErrorKind } from "../../core/errors.js";
import { redactText } from "../../core/http/redact.js";
import type { Migration, MigrationStatus } from "../../core/store/index.js";
import type { AttentionKind } from "../jobs.js";
import { dispositionOf, toBullmqError } from "../to-bullmq-error.js";
import { WORKING, type JobContext, type ProcessorDeps } from "./deps.js";

interface Attention {
  kind: AttentionKind;
  side?: "source" | "target";
  entity?: string;
  field?: string;
}

const str = (value: unknown): string | undefined => (typeof value === "string" ? value : undefined);

/** Which chat message a final error deserves, from its kind and details. */
export function attentionOf(error: unknown): Attention {
  if (!isPereezdError(error)) return { kind: "failed" };
  const side = str(error.details?.side);
  const entity = str(error.details?.entity);
  const where: Omit<Attention, "kind"> = {};
  if (side === "source" || side === "target") where.side = side;
  if (entity !== undefined) where.entity = entity;
  if (error.kind === "auth") return { kind: "credentials_revoked", ...where };
  const field = str(error.details?.field);
  if (error.kind === "invalid_input" && field !== undefined) {
    return { kind: "target_refused_field", ...where, side: "target", field };
  }
  return { kind: "failed", ...where };
}

/** Where a migration goes when a job of it fails for good. */
function statusAfter(attention: Attention, current: MigrationStatus): MigrationStatus {
  if (current === "pilot_running") return "discovered";
  return attention.kind === "failed" ? "failed" : "paused";
}

export const errorKindOf = (error: unknown): ErrorKind =>
  isPereezdError(error) ? error.kind : "transient";

/**
 * Records the failure (metrics, log, and when final the migration's status,
 * `lastError` and an attention event) and returns the error the processor throws.
 */
export async function handleFailure(
  deps: ProcessorDeps,
  ctx: Pick<JobContext, "job" | "token" | "name"> & { migration: Migration },
  error: unknown,
): Promise<Error> {
  const kind = errorKindOf(error);
  const reason = redactText(error instanceof Error ? error.message : String(error)).slice(0, 500);
  deps.metrics.errors.inc({ kind });
  const disposition = dispositionOf(error);
  const attempts = ctx.job.opts.attempts ?? 1;
  const final =
    disposition.action === "fail" ||
    (disposition.action === "retry" && ctx.job.attemptsMade + 1 >= attempts);
  const log = {
    err: error,
    migrationId: ctx.migration.id,
    job: ctx.name,
    attempt: ctx.job.attemptsMade + 1,
    final,
  };
  if (disposition.action === "wait") deps.logger.info(log, "rate limited; the job waits");
  else
    deps.logger[final ? "error" : "warn"](
      log,
      final ? "job failed" : "job attempt failed; will retry",
    );

  if (final) await recordFinal(deps, ctx.migration, kind, reason, error);
  return toBullmqError(error, ctx.job, ctx.token, deps.now);
}

async function recordFinal(
  deps: ProcessorDeps,
  m: Migration,
  kind: ErrorKind,
  reason: string,
  error: unknown,
): Promise<void> {
  try {
    const attention = attentionOf(error);
    const fresh = (await deps.stores.migrations.getById(m.id)) ?? m;
    const lastError = {
      kind,
      message: reason,
      at: new Date(deps.now()),
      ...(attention.side === undefined ? {} : { side: attention.side }),
    };
    const moved = await deps.stores.migrations.transition(
      m.id,
      WORKING,
      statusAfter(attention, fresh.status),
      {
        lastError,
      },
    );
    if (moved === null) await deps.stores.migrations.update(m.id, { lastError });
    await deps.emitter.stopProgress(m);
    await deps.emitter.emit(m, { type: "attention", ...attention, reason });
  } catch (storeError) {
    // The job still fails as it should; only the bookkeeping is missing.
    deps.logger.error({ err: storeError, migrationId: m.id }, "could not record the failure");
  }
}
