/**
 * Test helpers: a portal around some data and a way to call a method by name
 * the way the HTTP layer would, without HTTP. Used only by `*.test.ts`.
 */
import { expect } from "vitest";
import { emptyPortalData } from "../data/empty-portal.js";
import type { PortalData } from "../data/portal-data.js";
import { RestError, type MethodCall, type MethodResult, type Params } from "../method-types.js";
import type { Portal } from "../portal.js";
import { bitrix24Methods } from "./index.js";

/** 2026-01-15T12:00:00+03:00 */
export const FIXED_NOW = Date.UTC(2026, 0, 15, 9, 0, 0);

/** Base URL the test calls use for download links. */
export const BASE_URL = "http://127.0.0.1:8101";

/** An empty portal on a clock that advances one second per read. */
export function freshData(): PortalData {
  let now = FIXED_NOW;
  return emptyPortalData({ now: () => (now += 1000), secret: "test-secret" });
}

/** A Portal around `data` as the HTTP layer would build it. */
export function testPortal(data: PortalData = freshData()): Portal {
  return {
    memberId: "test-member",
    domain: "source.bitrix24.test",
    kind: "cloud",
    plan: "standard",
    timeZone: "+03:00",
    data,
    access: {} as never,
  };
}

/** Who calls and with which `start`. */
export interface CallOptions {
  start?: number;
  userId?: number;
  kind?: "webhook" | "oauth";
}

/** A MethodCall as the HTTP layer would build it. */
export function callOf(
  portal: Portal,
  method: string,
  params: Params = {},
  opts: CallOptions = {},
): MethodCall {
  return {
    portal,
    caller: {
      userId: opts.userId ?? 1,
      scopes: new Set(["crm", "user", "department", "task", "telephony", "disk"]),
      kind: opts.kind ?? "webhook",
      callerKey: "hook-1",
    },
    method: method.toLowerCase(),
    params,
    start: opts.start,
    baseUrl: BASE_URL,
    inBatch: false,
  };
}

/** Runs a method by (case-insensitive) name. */
export async function run(
  portal: Portal,
  method: string,
  params: Params = {},
  opts: CallOptions = {},
): Promise<MethodResult> {
  const def = bitrix24Methods.find((m) => m.name === method.toLowerCase());
  if (!def) throw new Error(`no method ${method}`);
  return def.handler(callOf(portal, method, params, opts));
}

/** `result` of a call, typed loosely for assertions. */
export async function result<T = Record<string, unknown>>(
  portal: Portal,
  method: string,
  params: Params = {},
  opts: CallOptions = {},
): Promise<T> {
  return (await run(portal, method, params, opts)).result as T;
}

/** Asserts the call fails with a RestError of `code` (and description containing `text`). */
export async function expectError(
  promise: Promise<unknown>,
  code: string,
  text?: string,
  status = 400,
): Promise<RestError> {
  let caught: unknown;
  try {
    await promise;
  } catch (error) {
    caught = error;
  }
  expect(caught).toBeInstanceOf(RestError);
  const error = caught as RestError;
  expect(error.code).toBe(code);
  expect(error.status).toBe(status);
  if (text !== undefined) expect(error.description).toContain(text);
  return error;
}
