/**
 * `npm start` without TELEGRAM_BOT_TOKEN: the whole journey in the terminal,
 * against two local Bitrix24 portals, with the worker in the same process.
 *
 *   npm start                                  interactive: type answers, numbers press buttons
 *   npm start -- --script demo.txt             answers from a file (channels/console/script.ts)
 *   npm start -- --size 5000 --time-scale 2 --lang en --output ./demo-output
 *
 * Redis comes from REDIS_URL, or a `redis-server` on the PATH is started on a free
 * port and stopped at the end. State is in memory unless MONGO_URL is set. Logs
 * go to <output>/demo.log so the terminal shows only the chat.
 */
import { createWriteStream } from "node:fs";
import { mkdir } from "node:fs/promises";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import type { Config } from "../config/index.js";
import { createLogger } from "../core/logger.js";
import { runInteractive, runScript } from "./channels/console/console-runner.js";
import { findRedisServer, startLocalRedis, type LocalRedis } from "./demo/local-redis.js";
import { startDemo } from "./demo/start-demo.js";
import { readFile } from "node:fs/promises";

const NO_REDIS = `The demo needs Redis (the job queues run on it). Either:
  - install it:   sudo apt-get install redis-server   (or: brew install redis)
    and run npm start again — the demo starts and stops its own redis-server; or
  - point to one: REDIS_URL=redis://127.0.0.1:6379 npm start
`;

function options(argv: readonly string[]) {
  const { values } = parseArgs({
    args: [...argv],
    options: {
      script: { type: "string" },
      size: { type: "string", default: "5000" },
      "time-scale": { type: "string", default: "2" },
      lang: { type: "string", default: "ru" },
      output: { type: "string", default: "demo-output" },
    },
    strict: true,
  });
  const size = Number(values.size);
  const timeScale = Number(values["time-scale"]);
  if (!Number.isInteger(size) || size < 10 || size > 200_000)
    throw new Error("--size expects 10…200000 records");
  if (!(timeScale > 0 && timeScale <= 1000))
    throw new Error("--time-scale expects a number above 0");
  return {
    script: values.script,
    size,
    timeScale,
    lang: values.lang,
    output: resolve(values.output),
  };
}

export async function runDemo(config: Config, argv: readonly string[]): Promise<void> {
  const opts = options(argv);
  const write = (text: string) => void process.stdout.write(text);
  await mkdir(opts.output, { recursive: true });
  const logPath = join(opts.output, "demo.log");
  const logger = createLogger({
    level: config.LOG_LEVEL,
    name: "demo",
    destination: createWriteStream(logPath, { flags: "a" }),
  });

  let local: LocalRedis | null = null;
  let redisUrl = config.REDIS_URL;
  if (redisUrl === undefined) {
    const binary = findRedisServer();
    if (binary === null) {
      process.stderr.write(NO_REDIS);
      process.exitCode = 1;
      return;
    }
    local = await startLocalRedis(binary);
    redisUrl = local.url;
  }

  write(
    `Pereezd demo: preparing two local Bitrix24 portals (${opts.size} records in the source)…\n`,
  );
  const demo = await startDemo({
    config,
    redisUrl,
    logger,
    size: opts.size,
    timeScale: opts.timeScale,
    outputDir: opts.output,
    write,
    language: opts.lang,
  });
  let closing: Promise<void> | undefined;
  const close = () =>
    (closing ??= (async () => {
      await demo
        .close()
        .catch((error: unknown) => logger.error({ err: error }, "demo shutdown failed"));
      await local?.stop();
    })());
  process.once("SIGINT", () => void close().then(() => process.exit(130)));

  write(
    [
      "",
      `Source portal (${opts.size} records), inbound webhook:`,
      `  ${demo.vars.SOURCE_WEBHOOK}`,
      "Target portal (empty), inbound webhook:",
      `  ${demo.vars.TARGET_WEBHOOK}`,
      "",
      "This terminal is the chat. Send /start; a number presses that button of the last message,",
      "/file PATH uploads a file (e.g. an edited mapping), /quit ends the demo.",
      `Files the bot sends are saved in ${opts.output}; logs go to ${logPath}.`,
      "",
    ].join("\n"),
  );
  const run = { channel: demo.channel, handle: demo.handle, vars: demo.vars, write };
  try {
    if (opts.script !== undefined) {
      await runScript(await readFile(opts.script, "utf8"), run);
      write("\nScript finished.\n");
    } else {
      await runInteractive(run);
    }
  } catch (error) {
    process.stderr.write(`\n${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  } finally {
    await close();
  }
}
