/**
 * Everything the bot's features and flows use, built once by a composition root
 * (`main.ts` for Telegram, `demo.ts` for the terminal, tests with fakes). No
 * handler reaches for the environment or a module-level client.
 */
import type { Logger } from "../core/logger.js";
import type { QuotaStatus } from "../core/metering/index.js";
import type { Channel, Stores } from "../core/store/index.js";
import type { MigrationQueueHandle } from "../worker/jobs.js";
import type { RequestControl } from "../worker/control.js";
import type { Language } from "./i18n.js";
import type { SecretIntake } from "./secret-intake.js";
import type { ConnectionService } from "./services/connections.js";
import type { PlanningService } from "./services/planning.js";
import type { SystemRegistry } from "./systems/types.js";

/** Bytes of a file the user sent, by the `file_path` Telegram's `getFile` returned. */
export type FileDownloader = (filePath: string) => Promise<Uint8Array>;

export interface BotSettings {
  /** Language of chats whose Telegram client is neither English nor Russian. */
  defaultLanguage: Language;
  /** `Mon-Fri 09:30-18:30`, shown as support hours. */
  workingHours: string;
  timeZone: string;
  /** Records per entity the pilot moves. */
  pilotSize: number;
  /** Longest a Telegram 429 is waited out inside an update (auto-retry `maxDelaySeconds`). */
  maxRetryDelaySeconds: number;
}

export interface BotDeps {
  stores: Stores;
  /** Which channel this bot serves: chat refs are stored with it. */
  channel: Channel;
  systems: SystemRegistry;
  connections: ConnectionService;
  planning: PlanningService;
  intake: SecretIntake;
  /** Producer of the `migrations` queue (pilot, run, delta, rollback). */
  jobs: Pick<MigrationQueueHandle, "enqueue">;
  /** Pause, resume and cancel (worker/control.ts). */
  control: RequestControl;
  quota(customerId: string): Promise<QuotaStatus>;
  downloadFile: FileDownloader;
  logger: Logger;
  settings: BotSettings;
}
