/**
 * Entry of the benchmark's naive mover in its own process, so its peak RSS and
 * time compare with the engine's child (`test/support/migrate-child.ts`) on the
 * same terms. Options come as JSON in PEREEZD_MIGRATE_CHILD; the result goes
 * back over IPC in the same shape as the engine child's.
 */
import { createMemoryLimiter, policies, scalePolicy } from "../core/ratelimit/index.js";
import type { ChildMessage } from "../test/support/migrate-child.js";
import { moveNaively } from "./naive-mover.js";

export interface NaiveChildOptions {
  source: string;
  target: string;
  timeScale: number;
  originTag: string;
}

const send = (message: ChildMessage) =>
  new Promise<void>((resolve) =>
    process.send ? process.send(message, () => resolve()) : resolve(),
  );

const options = JSON.parse(process.env.PEREEZD_MIGRATE_CHILD ?? "{}") as NaiveChildOptions;
await send({ kind: "ready", pid: process.pid });
const started = performance.now();
const limiter = createMemoryLimiter({
  policy: scalePolicy(policies.bitrix24Cloud, options.timeScale),
});
try {
  const result = await moveNaively({ ...options, limiter });
  await send({
    kind: "done",
    outcome: "completed",
    written: result.written,
    failures: result.failed,
    requests: result.requests,
    elapsedMs: performance.now() - started,
    maxRssKb: process.resourceUsage().maxRSS,
  });
} catch (error) {
  const message = error instanceof Error ? error.message : String(error);
  await send({ kind: "failed", error: { kind: null, code: null, message, side: null } });
  process.exitCode = 1;
}
process.disconnect?.();
