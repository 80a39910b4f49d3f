import { describe, expect, it } from "vitest";
import {
  authError,
  invalidInput,
  notFound,
  rateLimited,
  transientError,
} from "../../core/errors.js";
import { localeFiles } from "../i18n.js";
import { connectErrorOf, type ConnectErrorCode } from "./connect-errors.js";

describe("connect errors", () => {
  it.each<[unknown, ConnectErrorCode]>([
    [invalidInput("x", { code: "url_malformed" }), "url_malformed"],
    [invalidInput("x", { code: "url_not_https" }), "url_not_https"],
    [invalidInput("x", { code: "url_private_address" }), "url_private_address"],
    [invalidInput("x", { code: "url_unresolvable" }), "url_unresolvable"],
    [invalidInput("x", { code: "not_a_webhook_url" }), "not_a_webhook_url"],
    [invalidInput("x", { code: "bad_config" }), "not_a_webhook_url"],
    [authError("x", { code: "INVALID_CREDENTIALS" }), "auth"],
    [transientError("x", { code: "connect_failed" }), "unreachable"],
    [rateLimited("x", 1000), "rate_limited"],
    [notFound("x"), "not_a_webhook_url"],
    [invalidInput("x", { code: "ERROR_CORE" }), "portal_error"],
    [new Error("boom"), "portal_error"],
  ])("%s → %s", (error, code) => {
    expect(connectErrorOf(error).code).toBe(code);
  });

  it("explains refused new credentials of a stored connection (core/service/replace-credentials.ts)", () => {
    expect(
      connectErrorOf(
        invalidInput("x", {
          code: "different_account",
          details: { expected: "old.bitrix24.ru", got: "other.bitrix24.ru" },
        }),
      ),
    ).toEqual({
      code: "different_account",
      label: "other.bitrix24.ru",
      expected: "old.bitrix24.ru",
    });
    expect(
      connectErrorOf(
        authError("x", {
          code: "missing_scopes",
          details: { account: "old.bitrix24.ru", missingScopes: ["user", "task"] },
        }),
      ),
    ).toEqual({ code: "missing_scopes", label: "old.bitrix24.ru", scopes: ["user", "task"] });
  });

  it("has a text for every code in both languages", () => {
    const codes: ConnectErrorCode[] = [
      "url_malformed",
      "url_not_https",
      "url_private_address",
      "url_unresolvable",
      "not_a_webhook_url",
      "auth",
      "unreachable",
      "rate_limited",
      "portal_error",
      "missing_scopes",
      "system_unavailable",
      "same_account",
      "different_account",
    ];
    for (const lang of ["ru", "en"] as const) {
      for (const code of codes)
        expect(localeFiles()[lang][`connect.error.${code}`], `${lang} ${code}`).toBeDefined();
    }
  });
});
