import { describe, expect, it } from "vitest";
import type { ErrorKind } from "../../errors.js";
import { bitrixError, isCommandError, kindOf, OVERLOAD_WAIT_MS } from "./errors.js";

describe("Bitrix24 error code → kind", () => {
  const table: Array<[code: string, description: string, status: number, kind: ErrorKind]> = [
    ["QUERY_LIMIT_EXCEEDED", "Too many requests", 503, "rate_limited"],
    ["OPERATION_TIME_LIMIT", "Method is blocked due to operation time limit.", 429, "rate_limited"],
    ["OVERLOAD_LIMIT", "", 503, "rate_limited"],
    ["expired_token", "The access token provided has expired", 401, "auth"],
    ["invalid_token", "", 401, "auth"],
    ["INVALID_CREDENTIALS", "Invalid request credentials", 401, "auth"],
    ["NO_AUTH_FOUND", "Wrong authorization data", 401, "auth"],
    ["insufficient_scope", "", 401, "auth"],
    ["ACCESS_DENIED", "REST is available only on commercial plans.", 403, "auth"],
    ["WRONG_AUTH_TYPE", "", 403, "auth"],
    ["user_access_error", "", 403, "auth"],
    ["invalid_grant", "", 400, "auth"],
    ["INTERNAL_SERVER_ERROR", "Internal server error", 500, "transient"],
    ["ERROR_UNEXPECTED_ANSWER", "", 500, "transient"],
    ["PORTAL_DELETED", "", 500, "config"],
    ["ERROR_METHOD_NOT_FOUND", "Method not found!", 404, "config"],
    ["NOT_FOUND", "Element not found", 400, "not_found"],
    ["ERROR_NOT_FOUND", "", 400, "not_found"],
    ["ERROR_BATCH_LENGTH_EXCEEDED", "Max batch length exceeded", 400, "invalid_input"],
    ["ERROR_BATCH_METHOD_NOT_ALLOWED", "", 405, "invalid_input"],
    ["ERROR_CORE", "The specified status ID already exists.", 400, "invalid_input"],
    ["INVALID_ARG_VALUE", "", 400, "invalid_input"],
    ["INVALID_REQUEST", "Https required.", 400, "invalid_input"],
    // Legacy CRM methods: empty code, the text decides.
    ["", "Not found.", 400, "not_found"],
    ["", "Access denied.", 400, "auth"],
    ["", "Required fields: TITLE", 400, "invalid_input"],
    ["", "Required fields: TITLE", 200, "invalid_input"],
    // Unknown codes fall back to the status.
    ["SOMETHING_NEW", "", 401, "auth"],
    ["SOMETHING_NEW", "", 404, "not_found"],
    ["SOMETHING_NEW", "", 503, "rate_limited"],
    ["SOMETHING_NEW", "", 502, "transient"],
    ["SOMETHING_NEW", "", 400, "invalid_input"],
  ];
  it.each(table)("%s %j (HTTP %i) → %s", (code, description, status, kind) => {
    expect(kindOf(code, description, status)).toBe(kind);
  });
});

describe("bitrixError", () => {
  it("names the portal host and redacts secrets in the server's text", () => {
    const error = bitrixError({
      code: "INVALID_CREDENTIALS",
      description:
        "Invalid request credentials for https://acme.bitrix24.ru/rest/1/s3cr3tc0de99/profile",
      status: 401,
      host: "acme.bitrix24.ru",
      method: "profile",
    });
    expect(error.kind).toBe("auth");
    expect(error.code).toBe("INVALID_CREDENTIALS");
    expect(error.message).toContain("acme.bitrix24.ru");
    expect(error.message).not.toContain("s3cr3tc0de99");
  });

  it("blocks only the method on OPERATION_TIME_LIMIT, the whole portal on QUERY_LIMIT_EXCEEDED", () => {
    const operating = bitrixError({
      code: "OPERATION_TIME_LIMIT",
      description: "",
      status: 429,
      host: "h",
      method: "crm.deal.list",
      retryAfterMs: 7_000,
    });
    expect(operating).toMatchObject({
      kind: "rate_limited",
      retryAfterMs: 7_000,
      details: { method: "crm.deal.list" },
    });
    const bucket = bitrixError({
      code: "QUERY_LIMIT_EXCEEDED",
      description: "",
      status: 503,
      host: "h",
      method: "batch",
      retryAfterMs: 500,
    });
    expect(bucket.details?.["method"]).toBeUndefined();
    expect(bucket.details?.["apiMethod"]).toBe("batch");
    expect(
      bitrixError({ code: "OVERLOAD_LIMIT", description: "", status: 503, host: "h" }).retryAfterMs,
    ).toBe(OVERLOAD_WAIT_MS);
  });

  it("legacy errors get an http_<status> code; batch commands are marked", () => {
    const error = bitrixError({
      code: "",
      description: "Not found.",
      status: 200,
      host: "h",
      inBatch: true,
    });
    expect(error).toMatchObject({ kind: "not_found", code: "http_200" });
    expect(isCommandError(error)).toBe(true);
    expect(
      isCommandError(bitrixError({ code: "", description: "x", status: 400, host: "h" })),
    ).toBe(false);
  });
});
