/**
 * `npm start`: the Telegram bot when TELEGRAM_BOT_TOKEN is set, otherwise the
 * local demo (demo.ts: sandbox portals, an in-process worker, the terminal as
 * the chat). Kept apart from main.ts so the production entry never loads the
 * sandbox.
 */
import { loadConfigOrExit } from "../config/index.js";

if (process.env.TELEGRAM_BOT_TOKEN?.trim()) {
  await import("./main.js");
} else {
  const { runDemo } = await import("./demo.js");
  await runDemo(loadConfigOrExit("demo"), process.argv.slice(2));
}
