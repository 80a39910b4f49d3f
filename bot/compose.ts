/**
 * Builds the bot's dependencies from the things a composition root owns (stores,
 * the secret box, a limiter, the queue producer, control). Shared by `main.ts`,
 * `demo.ts` and the tests, so all three run the very same wiring.
 */
import type { HostLookup } from "../core/http/url-guard.js";
import type { Logger } from "../core/logger.js";
import { createMeter, createPlanCalendar, type PromotionWindow } from "../core/metering/index.js";
import type { PortalLimiter } from "../core/ratelimit/index.js";
import type { SecretBox } from "../core/security/secret-box.js";
import type { Channel, Stores } from "../core/store/index.js";
import type { RequestControl } from "../worker/control.js";
import type { MigrationQueueHandle } from "../worker/jobs.js";
import type { BotDeps, BotSettings, FileDownloader } from "./deps.js";
import { createSecretIntake } from "./secret-intake.js";
import { createConnectionService } from "./services/connections.js";
import { createPlanningService } from "./services/planning.js";
import { createSystemRegistry } from "./systems/registry.js";

export interface BotDepsInput {
  stores: Stores;
  channel: Channel;
  box: SecretBox;
  logger: Logger;
  /** The limiter every connector of this process shares (Redis in production). */
  limiter: PortalLimiter;
  /** ALLOWED_PRIVATE_HOSTS: portals reachable although private or plain http (the sandbox). */
  allowedHosts: readonly string[];
  lookup?: HostLookup;
  jobs: Pick<MigrationQueueHandle, "enqueue">;
  control: RequestControl;
  downloadFile: FileDownloader;
  settings: BotSettings;
  /** PLAN_QUOTA_CALLS, PROMOTION_WINDOWS, TIME_ZONE: what "usage and plan" shows. */
  plan: { quotaPerYear: number; promotions: readonly PromotionWindow[] };
}

export function createBotDeps(input: BotDepsInput): BotDeps {
  const systems = createSystemRegistry({
    bitrix24: {
      limiter: input.limiter,
      allowedHosts: input.allowedHosts,
      logger: input.logger,
      ...(input.lookup ? { lookup: input.lookup } : {}),
    },
  });
  const connections = createConnectionService({
    stores: input.stores,
    systems,
    box: input.box,
    logger: input.logger,
  });
  const meter = createMeter({
    usage: input.stores.usage,
    quotaPerYear: input.plan.quotaPerYear,
    calendar: createPlanCalendar(input.plan.promotions, input.settings.timeZone),
  });
  return {
    stores: input.stores,
    channel: input.channel,
    systems,
    connections,
    planning: createPlanningService({
      stores: input.stores,
      connections,
      timeZone: input.settings.timeZone,
    }),
    intake: createSecretIntake({
      box: input.box,
      storage: input.stores.conversations,
      patterns: systems.flatMap((s) => (s.secretPattern ? [s.secretPattern] : [])),
      logger: input.logger,
    }),
    jobs: input.jobs,
    control: input.control,
    quota: (customerId) => meter.quota(customerId),
    downloadFile: input.downloadFile,
    logger: input.logger,
    settings: input.settings,
  };
}
