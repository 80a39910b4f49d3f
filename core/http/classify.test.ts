import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../errors.js";
import {
  DEFAULT_RATE_LIMIT_WAIT_MS,
  bodyExcerpt,
  defaultClassify,
  parseRetryAfter,
} from "./classify.js";

const NOW = Date.UTC(2026, 0, 1, 12, 0, 0);
const answer = (status: number, headers: Record<string, string> = {}, body: unknown = null) => ({
  method: "GET",
  url: "https://x.test/a",
  status,
  headers: new Headers(headers),
  body,
  receivedAt: NOW,
});

describe("defaultClassify", () => {
  it.each<[number, ErrorKind | null]>([
    [200, null],
    [201, null],
    [204, null],
    [302, "invalid_input"],
    [400, "invalid_input"],
    [401, "auth"],
    [402, "invalid_input"],
    [403, "auth"],
    [404, "not_found"],
    [408, "transient"],
    [409, "conflict"],
    [422, "invalid_input"],
    [429, "rate_limited"],
    [500, "transient"],
    [502, "transient"],
    [503, "transient"],
    [504, "transient"],
  ])("HTTP %i → %s", (status, kind) => {
    expect(defaultClassify(answer(status))?.kind ?? null).toBe(kind);
  });

  it("reads Retry-After on 429, else assumes a default wait", () => {
    expect(defaultClassify(answer(429, { "retry-after": "7" }))?.retryAfterMs).toBe(7_000);
    expect(defaultClassify(answer(429))?.retryAfterMs).toBe(DEFAULT_RATE_LIMIT_WAIT_MS);
  });

  it("keeps a redacted body excerpt in the details", () => {
    const error = defaultClassify(
      answer(400, {}, { error: "ERROR_CORE", auth: "tok", note: "x".repeat(500) }),
    );
    const body = String(error?.details?.["body"]);
    expect(body).toContain("ERROR_CORE");
    expect(body).not.toContain("tok");
    expect(body.length).toBeLessThan(320);
  });
});

describe("parseRetryAfter", () => {
  it.each<[string | null, number | undefined]>([
    ["3", 3_000],
    ["0.5", 500],
    [" 10 ", 10_000],
    ["Thu, 01 Jan 2026 12:00:30 GMT", 30_000],
    ["Thu, 01 Jan 2026 11:00:00 GMT", 0],
    ["soon", undefined],
    ["", undefined],
    [null, undefined],
  ])("%s → %s", (value, expected) => {
    expect(parseRetryAfter(value, NOW)).toBe(expected);
  });
});

describe("bodyExcerpt", () => {
  it("flattens whitespace and handles empty bodies", () => {
    expect(bodyExcerpt("<h1>\n  Error\n</h1>")).toBe("<h1> Error </h1>");
    expect(bodyExcerpt(null)).toBe("");
  });
});
