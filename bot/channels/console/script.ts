/**
 * Scripted answers for the console demo (`npm start -- --script FILE`), for tests
 * and recorded demos. One line per step:
 *
 *   # a comment; blank lines are ignored
 *   /start                   any other line is typed as is (a number presses
 *   2                        button N of the latest keyboard, `/file PATH`
 *   /file ./mapping.json     uploads a file)
 *   press: Принять           press the newest button whose label contains the text
 *   wait: Пилот завершён     wait until the chat shows this text (default 120 s)
 *   wait 300: Перенос завершён   the same with a timeout in seconds
 *   sleep: 2                 pause for N seconds
 *
 * `${NAME}` is replaced by a variable of the run: SOURCE_WEBHOOK, TARGET_WEBHOOK,
 * OUTPUT_DIR and LAST_DOCUMENT (the path of the last file the bot sent).
 * `wait:` looks at what the chat showed since the previous `wait:` matched, so
 * two waits for the same text wait for two occurrences.
 */
export type ScriptStep =
  | { kind: "type"; text: string; line: number }
  | { kind: "press"; label: string; line: number }
  | { kind: "wait"; text: string; timeoutMs: number; line: number }
  | { kind: "sleep"; ms: number; line: number };

export const DEFAULT_WAIT_MS = 120_000;

/** Parses a script; throws with the line number on a malformed directive. */
export function parseScript(source: string): ScriptStep[] {
  const steps: ScriptStep[] = [];
  source.split(/\r?\n/).forEach((raw, index) => {
    const line = index + 1;
    const text = raw.trim();
    if (text === "" || text.startsWith("#")) return;
    const directive = /^(press|wait|sleep)(?:\s+(\d+(?:\.\d+)?))?\s*:\s*(.*)$/.exec(text);
    if (directive === null) {
      steps.push({ kind: "type", text, line });
      return;
    }
    const [, name, seconds, rest = ""] = directive;
    if (name === "press") {
      if (rest === "") throw new Error(`script line ${line}: press needs a button label`);
      steps.push({ kind: "press", label: rest, line });
    } else if (name === "wait") {
      if (rest === "") throw new Error(`script line ${line}: wait needs a text`);
      steps.push({
        kind: "wait",
        text: rest,
        timeoutMs: seconds ? Number(seconds) * 1000 : DEFAULT_WAIT_MS,
        line,
      });
    } else {
      const value = Number(rest);
      if (!Number.isFinite(value) || value < 0)
        throw new Error(`script line ${line}: sleep needs seconds`);
      steps.push({ kind: "sleep", ms: value * 1000, line });
    }
  });
  return steps;
}

/** `${NAME}` → `vars[NAME]`; an unknown name is an error (a typo must not be typed into the chat). */
export function substitute(
  text: string,
  vars: Readonly<Record<string, string | null>>,
  line: number,
): string {
  return text.replace(/\$\{(\w+)\}/g, (_, name: string) => {
    const value = vars[name];
    if (value === undefined || value === null)
      throw new Error(`script line ${line}: \${${name}} is not set`);
    return value;
  });
}
