/**
 * Feeds the console chat: from the keyboard (interactive demo) or from a script
 * (script.ts). Each answer becomes an update that the bot handles completely
 * before the next one is read, as Telegram delivers one chat's updates.
 */
import { createInterface } from "node:readline";
import type { Update } from "grammy/types";
import type { ConsoleChannel } from "./console-channel.js";
import { parseScript, substitute, type ScriptStep } from "./script.js";

export interface ConsoleRunOptions {
  channel: ConsoleChannel;
  handle: (update: Update) => Promise<void>;
  /** Script variables (SOURCE_WEBHOOK…); LAST_DOCUMENT is added from the channel. */
  vars: Record<string, string>;
  write: (text: string) => void;
}

async function step(
  options: ConsoleRunOptions,
  s: ScriptStep,
  cursor: { at: number },
): Promise<void> {
  const { channel } = options;
  const vars = { ...options.vars, LAST_DOCUMENT: channel.lastDocument };
  switch (s.kind) {
    case "type": {
      const text = substitute(s.text, vars, s.line);
      options.write(`\n> ${/\/rest\/\d+\//.test(text) ? "[webhook link]" : text}\n`);
      await options.handle(await channel.updateFor(text));
      return;
    }
    case "press": {
      const label = substitute(s.label, vars, s.line);
      const update = channel.pressUpdate(label);
      if (update === null)
        throw new Error(`script line ${s.line}: no button "${label}" in the chat`);
      options.write(`\n> [${label}]\n`);
      await options.handle(update);
      return;
    }
    case "wait":
      cursor.at = await channel.transcript
        .waitFor(substitute(s.text, vars, s.line), { since: cursor.at, timeoutMs: s.timeoutMs })
        .catch((error: unknown) => {
          throw new Error(
            `script line ${s.line}: ${error instanceof Error ? error.message : String(error)}`,
          );
        });
      return;
    case "sleep":
      await new Promise((resolve) => setTimeout(resolve, s.ms));
      return;
  }
}

/** Runs a script to its end; rejects at the first step that cannot be done. */
export async function runScript(source: string, options: ConsoleRunOptions): Promise<void> {
  const cursor = { at: 0 };
  for (const s of parseScript(source)) await step(options, s, cursor);
}

/** Reads lines until end of input or `/quit`. */
export async function runInteractive(options: ConsoleRunOptions): Promise<void> {
  const rl = createInterface({ input: process.stdin, terminal: false });
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (line === "") continue;
      if (line === "/quit" || line === "/exit") break;
      try {
        await options.handle(await options.channel.updateFor(line));
      } catch (error) {
        options.write(`\n(${error instanceof Error ? error.message : String(error)})\n`);
      }
    }
  } finally {
    rl.close();
  }
}
