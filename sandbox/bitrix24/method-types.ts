/**
 * The contract between the sandbox's HTTP layer (server, auth, limits, batch)
 * and its REST methods. The HTTP layer parses a request into `MethodCall`,
 * checks auth and scopes, then runs the `MethodDefinition` found by name.
 *
 * Shapes follow the real service: https://github.com/bitrix24/b24restdocs
 * (see ../shared/reference/bitrix24.md §2, §5).
 */
import type { Portal } from "./portal.js";

/** Parsed request parameters: PHP bracket syntax already expanded into objects/arrays. */
export type Params = Record<string, unknown>;

/** Who is calling: an inbound webhook or an OAuth access token. */
export interface Caller {
  kind: "webhook" | "oauth";
  userId: number;
  scopes: ReadonlySet<string>;
  /** Webhook code or OAuth client id: the operating budget is kept per caller and method. */
  callerKey: string;
}

export interface MethodCall {
  portal: Portal;
  caller: Caller;
  /** Lower-cased method name. */
  method: string;
  params: Params;
  /**
   * `start` as the server sees it: already stripped from params and intval-ed.
   * `-1` means "no count"; undefined when the request did not send it.
   */
  start: number | undefined;
  /** Base URL of the portal (e.g. `http://127.0.0.1:8101`), for download links. */
  baseUrl: string;
  /** True when the call runs inside `batch`. */
  inBatch: boolean;
}

/** What a handler returns: `next`/`total` are lifted to the top level of the answer. */
export interface MethodResult {
  result: unknown;
  next?: number;
  total?: number;
}

export interface MethodDefinition {
  /** Lower-case, e.g. `crm.deal.list`. */
  name: string;
  /** Scope needed, e.g. `crm`, `user`, `task`, `department`, `telephony`, `disk`; null when none. */
  scope: string | null;
  /** Methods that need an application context answer 403 WRONG_AUTH_TYPE for webhooks. */
  webhookAllowed?: boolean;
  /** `batch` itself and upload/download are not allowed inside batch. */
  batchAllowed?: boolean;
  /**
   * Simulated execution time in seconds charged to the operating budget
   * (per caller and method, 10-minute window). Defaults to the portal's setting.
   */
  cost?: number | ((call: MethodCall) => number);
  handler(call: MethodCall): MethodResult | Promise<MethodResult>;
}

/**
 * A REST error as the real server sends it: `{error, error_description}` and a status.
 * Legacy CRM methods use an empty `code` with status 400.
 */
export class RestError extends Error {
  constructor(
    readonly code: string,
    readonly description: string,
    readonly status: number = 400,
    readonly extra: Record<string, unknown> = {},
  ) {
    super(description);
    this.name = "RestError";
  }
}
