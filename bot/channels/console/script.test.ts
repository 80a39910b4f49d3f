import { describe, expect, it } from "vitest";
import { DEFAULT_WAIT_MS, parseScript, substitute } from "./script.js";

describe("console scripts", () => {
  it("reads answers, presses, waits and sleeps; skips comments and blank lines", () => {
    const steps = parseScript(
      [
        "# demo",
        "/start",
        "",
        "press: Новый перенос",
        "wait: Пилот",
        "wait 5: Готово",
        "sleep: 0.5",
        "2",
      ].join("\n"),
    );
    expect(steps).toEqual([
      { kind: "type", text: "/start", line: 2 },
      { kind: "press", label: "Новый перенос", line: 4 },
      { kind: "wait", text: "Пилот", timeoutMs: DEFAULT_WAIT_MS, line: 5 },
      { kind: "wait", text: "Готово", timeoutMs: 5000, line: 6 },
      { kind: "sleep", ms: 500, line: 7 },
      { kind: "type", text: "2", line: 8 },
    ]);
  });

  it("names the line of a malformed directive", () => {
    expect(() => parseScript("/start\nwait:")).toThrow(/line 2: wait needs a text/);
    expect(() => parseScript("sleep: soon")).toThrow(/line 1: sleep needs seconds/);
  });

  it("substitutes variables and refuses unknown ones", () => {
    expect(substitute("${SOURCE_WEBHOOK}x", { SOURCE_WEBHOOK: "https://a/rest/1/b/" }, 1)).toBe(
      "https://a/rest/1/b/x",
    );
    expect(() => substitute("/file ${LAST_DOCUMENT}", { LAST_DOCUMENT: null }, 3)).toThrow(
      /line 3: \$\{LAST_DOCUMENT\} is not set/,
    );
  });
});
