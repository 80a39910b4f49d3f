/**
 * The BullMQ processor of the `migrations` queue: parse the job (zod), load the
 * migration, hand over to the step's processor, translate errors. Nothing else:
 * the work itself is the engine's, behind `MigrationRunner`.
 */
import type { Job } from "bullmq";
import { z } from "zod";
import {
  migrationJobDataSchemas,
  migrationJobNameSchema,
  type MigrationJobData,
  type MigrationJobName,
  type MigrationJobResult,
} from "../jobs.js";
import { isDeferral, unrecoverable } from "../to-bullmq-error.js";
import type { JobContext, ProcessorDeps } from "./deps.js";
import { handleFailure } from "./failure.js";
import { processRun } from "./run.js";
import { processStep } from "./steps.js";

/** The job's name and data, checked; a clear message naming every bad field otherwise. */
export function parseJob(job: Pick<Job, "name" | "data">): {
  name: MigrationJobName;
  request: MigrationJobData;
} {
  const name = migrationJobNameSchema.safeParse(job.name);
  if (!name.success) throw unrecoverable(`Invalid job: unknown job name "${job.name}"`);
  const data = migrationJobDataSchemas[name.data].safeParse(job.data);
  if (!data.success) {
    throw unrecoverable(
      `Invalid job data for "${name.data}": ${z.prettifyError(data.error).replace(/\n/g, "; ")}`,
    );
  }
  return { name: name.data, request: data.data };
}

export type MigrationProcessor = (
  job: Job<unknown, MigrationJobResult, string>,
  token?: string,
  signal?: AbortSignal,
) => Promise<MigrationJobResult>;

export function createMigrationProcessor(deps: ProcessorDeps): MigrationProcessor {
  return async (job, token, signal) => {
    let parsed: ReturnType<typeof parseJob>;
    try {
      parsed = parseJob(job);
    } catch (error) {
      deps.metrics.errors.inc({ kind: "invalid_input" });
      deps.logger.error({ err: error, jobId: job.id, job: job.name }, "rejected a malformed job");
      throw error;
    }
    const migration = await deps.stores.migrations.getById(parsed.request.migrationId);
    if (migration === null) {
      deps.metrics.errors.inc({ kind: "not_found" });
      throw unrecoverable(`Migration ${parsed.request.migrationId} does not exist`);
    }
    const ctx: JobContext = { job, token, signal, migration, ...parsed };
    const log = deps.logger.child({ migrationId: migration.id, job: ctx.name, jobId: job.id });
    log.info({ attempt: job.attemptsMade + 1, status: migration.status }, "job started");
    deps.metrics.activeJobs.inc();
    try {
      const outcome =
        ctx.name === "run" || ctx.name === "delta"
          ? await processRun(deps, ctx)
          : await processStep(deps, ctx);
      log.info({ outcome: outcome.outcome }, "job finished");
      return outcome;
    } catch (error) {
      if (isDeferral(error)) {
        log.info("job requeued");
        throw error;
      }
      throw await handleFailure(deps, ctx, error);
    } finally {
      deps.metrics.activeJobs.inc({}, -1);
    }
  };
}
